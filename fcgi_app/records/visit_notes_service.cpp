#include "records/visit_notes_service.hpp"
#include "i18n/catalogs.hpp"

#include "common/text_rules.hpp"

#include <algorithm>
#include <ctime>
#include <cctype>

#include "security/vault.hpp"

namespace medassist::records {

namespace {
security::FieldAad noteAad(std::int64_t noteId) { return {"visit_notes", "note", std::to_string(noteId)}; }

std::size_t utf8Length(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

// A browser sends a textarea's line breaks as CRLF; one form is kept.
std::string normalizeLines(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i];
    }
    return out;
}
}  // namespace

FieldErrors noteProblems(const std::string& text) {
    if (blank(text)) return {{"text", i18n::N_("Write the note before saving it.")}};
    if (utf8Length(text) > kMaxNoteChars) return {{"text", i18n::N_("A note can have at most 10,000 characters.")}};
    // Shown to the patient and other doctors (issue 16): line breaks yes, hidden formatting no.
    if (common::hasHiddenFormatting(text, true))
        return {{"text", i18n::N_("A note cannot contain control characters or invisible formatting characters (such as "
                                  "text-direction overrides or line separators).")}};
    return {};
}

VisitNotesService::VisitNotesService(VisitNoteStore& store, scheduling::AppointmentStore& appointments,
                                     scheduling::SchedulingService& scheduling, accounts::AccountsService& accounts,
                                     accounts::CaregiverService& caregivers, privacy::AccessLog& accessLog)
    : store_(store),
      appointments_(appointments),
      scheduling_(scheduling),
      accounts_(accounts),
      caregivers_(caregivers),
      accessLog_(accessLog) {}

scheduling::PracticeTime VisitNotesService::clock() { return scheduling_.clock(); }

VisitNote VisitNotesService::open(const VisitNoteRow& row, const std::string& key) const {
    VisitNote n;
    n.id = row.id;
    n.appointmentId = row.appointmentId;
    n.patientId = row.patientId;
    n.doctorId = row.doctorId;
    n.doctorName = row.doctorName;
    n.visitStart = row.visitStart;
    n.updatedAt = row.updatedAt;
    n.text = security::Vault::decrypt(key, row.noteCt, noteAad(row.id));
    return n;
}

std::optional<NoteDraft> VisitNotesService::draft(const Principal& doctor, std::int64_t appointmentId) {
    if (doctor.role != "doctor") return std::nullopt;
    auto a = appointments_.byId(appointmentId);
    // A cancelled booking has no note page (issue 16): it answers like a missing one.
    if (!a || a->doctorId != doctor.userId || a->status == "cancelled") return std::nullopt;
    NoteDraft d;
    d.appointmentId = a->id;
    d.patientId = a->patientId;
    d.visitStart = a->start;
    d.status = a->status;
    d.writable = a->status == "completed";
    if (auto p = accounts_.profile(a->patientId)) d.patientName = p->name;
    if (auto row = store_.byAppointment(appointmentId)) {
        d.note = open(*row, accounts_.dataKeyFor(a->patientId));
        accessLog_.record(a->patientId, doctor, "read", "visit_notes");
    }
    return d;
}

NoteResult VisitNotesService::write(const Principal& doctor, std::int64_t appointmentId, const std::string& rawText) {
    NoteResult r;
    if (doctor.role != "doctor") {
        r.kind = NoteResult::Kind::NotFound;
        return r;
    }
    auto a = appointments_.byId(appointmentId);
    if (!a || a->doctorId != doctor.userId) {
        r.kind = NoteResult::Kind::NotFound;
        return r;
    }
    if (a->status != "completed") {
        r.kind = NoteResult::Kind::NotCompleted;
        r.message = i18n::N_("The visit must be marked completed first.");
        return r;
    }
    const std::string text = normalizeLines(rawText);
    r.errors = noteProblems(text);
    if (!r.errors.empty()) {
        r.kind = NoteResult::Kind::Invalid;
        return r;
    }
    r.created = !store_.byAppointment(appointmentId).has_value();
    const std::string key = accounts_.dataKeyFor(a->patientId);
    store_.upsert(a->id, a->patientId, doctor.userId,
                  [&](std::int64_t id) { return security::Vault::encrypt(key, text, noteAad(id)); });
    accessLog_.record(a->patientId, doctor, r.created ? "create" : "update", "visit_notes");
    if (auto row = store_.byAppointment(appointmentId)) r.note = open(*row, key);
    return r;
}

std::optional<PatientNotes> VisitNotesService::notes(const Principal& who, std::optional<std::int64_t> patientId) {
    std::int64_t subject = 0;
    bool logged = false;  // someone other than the patient: the read goes to their access log
    if (who.role == "doctor") {
        // Issue 16: a doctor reads a patient's notes (every doctor's) only while caring for
        // them: a booked or completed appointment with this doctor within kCareWindowDays
        // before or after now. Each read goes to the patient's access log.
        const auto now = static_cast<std::int64_t>(std::time(nullptr));
        const std::int64_t window = std::int64_t{kCareWindowDays} * 86400;
        if (!patientId || !appointments_.caresFor(who.userId, *patientId, now - window, now + window))
            return std::nullopt;
        subject = *patientId;
        logged = true;
    } else if (who.role == "patient" || who.role == "caregiver") {
        auto s = caregivers_.subjectFor(who, patientId);
        if (!s || !s->canReadNotes) return std::nullopt;
        subject = s->patientId;
        logged = s->viaCaregiver;
    } else {
        return std::nullopt;  // admins have no route into the medical record
    }

    PatientNotes out;
    out.patientId = subject;
    if (auto p = accounts_.profile(subject)) out.patientName = p->name;
    auto rows = store_.ofPatient(subject);
    if (!rows.empty()) {
        const std::string key = accounts_.dataKeyFor(subject);
        for (const auto& row : rows) out.notes.push_back(open(row, key));
    }
    if (logged) accessLog_.record(subject, who, "read", "visit_notes");
    return out;
}

}  // namespace medassist::records
