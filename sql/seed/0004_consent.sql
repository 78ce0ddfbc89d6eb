-- The consent text patients agree to before the practice stores any medical information
-- (issue 5). A changed text is a new version (a new row, never an edit): every patient is
-- then asked again. INSERT IGNORE: loading it on every start changes nothing.
INSERT IGNORE INTO consent_versions (version, body, published_at) VALUES ('2026-11-22',
'What we store. Your account: your name, email address and, if you give them, your phone number and date of birth. Your appointments: doctor, date, time and status, and the reason for each visit if you write one. Visit notes your doctors write after a visit. Your conversations with the assistant. Caregivers you invite. A log of who read or changed your data.

Why. To book and manage your appointments, to let your doctors prepare and record your care, to let people you choose help you, and to answer your questions. Nothing is used for advertising or shared outside the practice.

How it is protected. Medical information and personal details are encrypted with a key of your own; only you, caregivers you allow and the practice''s doctors can read your medical information. Administrators cannot read reasons, visit notes or conversations.

How long. Conversations with the assistant: 90 days. Appointments and visit notes: as long as you keep your account, as medical records. Security logs hold no names, emails or messages, only pseudonymous identifiers.

Your choices. Without this consent your account still works and you can book appointments, but no reason for a visit is stored and the assistant is not available. You can withdraw consent at any time on your Consent page: from then on nothing medical is stored.',
'2026-11-22 00:00:00');
