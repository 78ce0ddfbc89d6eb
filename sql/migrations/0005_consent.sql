-- Consent to store medical information (issue 5). The texts a patient can agree to, each a
-- version; and every agreement and withdrawal, kept as a history (the export shows it). A
-- patient has consent when their latest entry agreed to the newest published version:
-- a new text asks everyone again.

CREATE TABLE consent_versions (
  version      VARCHAR(32)  NOT NULL PRIMARY KEY,
  body         MEDIUMTEXT   NOT NULL,
  published_at DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE consents (
  id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id  BIGINT UNSIGNED NOT NULL,
  version  VARCHAR(32)     NOT NULL,
  action   ENUM('agreed','withdrawn') NOT NULL,
  at       DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_consents_user (user_id, at),
  CONSTRAINT fk_consents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_consents_version FOREIGN KEY (version) REFERENCES consent_versions (version)
) ENGINE=InnoDB;
