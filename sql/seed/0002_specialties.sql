-- The practice's specialties: public information only. Idempotent (keyed by slug), so
-- seed-demo can run on every start without duplicating anything.
INSERT INTO specialties (slug, name, description) VALUES
  ('general-practice', 'General practice',
   'Family doctors for adults: check-ups, ongoing conditions, prescriptions, certificates and referrals.'),
  ('pediatrics', 'Paediatrics',
   'Care for babies, children and teenagers up to 14: check-ups, growth, vaccinations and childhood illnesses.'),
  ('cardiology', 'Cardiology',
   'Heart and blood pressure: cardiology visits, ECGs and follow-up of heart conditions.'),
  ('dermatology', 'Dermatology',
   'Skin, hair and nails: rashes, acne, eczema, skin checks and mole mapping.')
ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description);
