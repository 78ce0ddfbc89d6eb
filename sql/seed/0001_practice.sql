-- The demo practice: public information only (no personal data). Idempotent, so
-- scripts/run can load it on every start without duplicating anything; INSERT IGNORE, so
-- what an admin changed at /admin/settings survives a restart.
INSERT IGNORE INTO practice_settings (setting_key, setting_value) VALUES
  ('tagline',       'Family medicine, paediatrics, cardiology and dermatology under one roof.'),
  ('address',       'Via dei Mille 24\n00185 Roma RM\nItaly'),
  ('phone',         '+39-06-5550-1234'),
  ('email',         'reception@aurora-practice.example'),
  ('hours.monday',    '08:00–19:00'),
  ('hours.tuesday',   '08:00–19:00'),
  ('hours.wednesday', '08:00–19:00'),
  ('hours.thursday',  '08:00–19:00'),
  ('hours.friday',    '08:00–17:00'),
  ('hours.saturday',  '09:00–12:30'),
  ('hours.sunday',    'Closed'),
  -- the same texts for readers of the Italian pages (issue 17)
  ('tagline.it',    'Medicina di famiglia, pediatria, cardiologia e dermatologia sotto lo stesso tetto.'),
  ('address.it',    'Via dei Mille 24\n00185 Roma RM\nItalia');
