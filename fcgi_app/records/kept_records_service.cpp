#include "records/kept_records_service.hpp"

#include <algorithm>
#include <memory>
#include <tuple>

#include <Poco/DateTime.h>
#include <Poco/Timestamp.h>

#include "common/strict_int.hpp"

namespace medassist::records {

namespace {
security::FieldAad keptNoteAad(std::int64_t visitId) { return {"kept_visits", "note", std::to_string(visitId)}; }
security::FieldAad noteAad(std::int64_t noteId) { return {"visit_notes", "note", std::to_string(noteId)}; }
std::string keyOwner(std::int64_t recordId) { return "kept-record:" + std::to_string(recordId); }
}  // namespace

std::int64_t addYears(std::int64_t epoch, int years) {
    const Poco::DateTime t(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch)));
    const int year = t.year() + years;
    int day = t.day();
    if (t.month() == 2 && day == 29 && !Poco::DateTime::isLeapYear(year)) day = 28;
    const Poco::DateTime moved(year, t.month(), day, t.hour(), t.minute(), t.second());
    return static_cast<std::int64_t>(moved.timestamp().epochTime());
}

std::string KeptRecordsService::reference(std::int64_t id) { return "K-" + std::to_string(id); }

std::pair<int, std::string> KeptRecordsService::settings() {
    const auto all = practice_.settings();
    int years = kDefaultRetentionYears;
    if (const auto it = all.find(kRetentionSetting); it != all.end()) {
        const auto parsed = parseStrictInt(it->second);
        if (parsed && *parsed >= 0 && *parsed <= kMaxRetentionYears) years = *parsed;
    }
    std::string zone = "Europe/Rome";
    if (const auto it = all.find("timezone"); it != all.end() && !it->second.empty()) zone = it->second;
    return {years, zone};
}

int KeptRecordsService::retentionYears() { return settings().first; }

namespace {
// What stays of these visits at `now`: nothing once the period since the last one has run out.
KeptPreview previewOf(const std::vector<VisitToKeep>& visits, int years, std::string zone, std::int64_t now) {
    KeptPreview p;
    p.years = years;
    p.zone = std::move(zone);
    if (years == 0 || visits.empty()) return p;
    std::int64_t last = 0;
    for (const auto& v : visits) last = std::max(last, v.start);
    const std::int64_t until = addYears(last, years);
    if (until <= now) return p;
    p.visits = static_cast<int>(visits.size());
    p.notes = static_cast<int>(
        std::count_if(visits.begin(), visits.end(), [](const VisitToKeep& v) { return v.noteId.has_value(); }));
    p.lastVisit = last;
    p.keepUntil = until;
    return p;
}
}  // namespace

KeptPreview KeptRecordsService::preview(std::int64_t patientId, std::int64_t now) {
    auto [years, zone] = settings();
    // Counts only: nothing is decrypted to say what would stay.
    return previewOf(years == 0 ? std::vector<VisitToKeep>{} : store_.completedVisits(patientId), years, zone, now);
}

std::optional<KeepPlan> KeptRecordsService::plan(std::int64_t patientId, std::int64_t now) {
    auto [years, zone] = settings();
    if (years == 0) return std::nullopt;
    const auto visits = store_.completedVisits(patientId);
    KeepPlan out;
    out.preview = previewOf(visits, years, zone, now);
    if (!out.preview.keepsSomething()) return std::nullopt;  // nothing, or the obligation has run out

    // The record's own key, held (wrapped) by the practice; the notes move under it.
    auto recordKey = std::make_shared<const std::string>(security::Vault::newDataKey());
    const std::string patientKey = accounts_.dataKeyFor(patientId);
    out.write.lastVisitAt = out.preview.lastVisit;
    out.write.wrapKey = [this, recordKey](std::int64_t recordId) {
        const auto wrapped = vault_.wrap(*recordKey, keyOwner(recordId));
        return std::make_pair(wrapped.version, wrapped.blob);
    };
    for (const auto& v : visits) {
        KeptRecordWrite::Visit kv;
        kv.doctorId = v.doctorId;
        kv.doctorName = v.doctorName;
        kv.specialty = v.specialty;
        kv.start = v.start;
        kv.end = v.end;
        if (v.noteId) {
            kv.noteUpdatedAt = v.noteUpdatedAt;
            auto text = std::make_shared<const std::string>(
                security::Vault::decrypt(patientKey, v.noteCt, noteAad(*v.noteId)));
            kv.sealNote = [recordKey, text](std::int64_t visitId) {
                return security::Vault::encrypt(*recordKey, *text, keptNoteAad(visitId));
            };
        }
        out.write.visits.push_back(std::move(kv));
    }
    return out;
}

KeptRecord KeptRecordsService::summary(const KeptRecordRow& row, int years) const {
    KeptRecord r;
    r.id = row.id;
    r.reference = reference(row.id);
    r.erasedAt = row.erasedAt;
    r.lastVisit = row.lastVisitAt;
    r.keepUntil = addYears(row.lastVisitAt, years);
    r.visits = row.visits;
    r.notes = row.notes;
    return r;
}

std::vector<KeptRecord> KeptRecordsService::recordsFor(const accounts::Principal& doctor) {
    std::vector<KeptRecord> out;
    if (doctor.role != "doctor") return out;
    const int years = retentionYears();
    for (const auto& row : store_.ofDoctor(doctor.userId)) out.push_back(summary(row, years));
    return out;
}

std::optional<KeptRecord> KeptRecordsService::record(const accounts::Principal& doctor, std::int64_t id,
                                                     const std::string& ip) {
    if (doctor.role != "doctor" || !store_.hasVisitOf(id, doctor.userId)) return std::nullopt;
    auto row = store_.byId(id);
    if (!row) return std::nullopt;
    KeptRecord r = summary(*row, retentionYears());
    const std::string key = vault_.unwrap({row->keyVersion, row->wrappedKey}, keyOwner(row->id));
    for (const auto& v : store_.visits(id)) {
        KeptVisit kv;
        kv.doctorId = v.doctorId;
        kv.doctorName = v.doctorName;
        kv.specialty = v.specialty;
        kv.start = v.start;
        kv.end = v.end;
        kv.noteUpdatedAt = v.noteUpdatedAt;
        if (v.noteCt) kv.note = security::Vault::decrypt(key, *v.noteCt, keptNoteAad(v.id));
        r.visitList.push_back(std::move(kv));
    }
    audit_.record("kept_record_read", std::to_string(doctor.userId), ip, "record:" + std::to_string(id));
    return r;
}

std::size_t KeptRecordsService::rotateMasterKey() {
    std::size_t changed = 0;
    const int current = vault_.currentVersion();
    for (;;) {
        auto batch = store_.keysNotAt(current, 200);
        std::size_t progress = 0;
        for (const auto& row : batch) {
            const std::string key = vault_.unwrap({row.keyVersion, row.wrappedKey}, keyOwner(row.id));
            const auto wrapped = vault_.wrap(key, keyOwner(row.id));
            if (store_.rewrapKey(row, wrapped.version, wrapped.blob)) ++progress;
        }
        changed += progress;
        if (batch.empty() || progress == 0) break;
    }
    return changed;
}

std::size_t KeptRecordsService::purge(std::int64_t now) { return store_.purgeOlderThan(retentionYears(), now); }

}  // namespace medassist::records
