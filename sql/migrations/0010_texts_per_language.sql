-- Texts admins publish, in more than one language (issue 17): the FAQ and the consent text.
--
-- faq_entries keeps each entry in the practice's source language (English in the demo); an
-- entry's version in another language is a row here, edited beside it at /admin/faq. The
-- assistant answers an Italian question from the Italian versions (Xapian's Italian
-- stemmer); an entry without one is answered in English, and the admin list shows which
-- entries lack a language. Deleting the entry deletes its versions.
CREATE TABLE faq_translations (
  entry_id   BIGINT UNSIGNED NOT NULL,
  language   VARCHAR(8)      NOT NULL,
  question   VARCHAR(300)    NOT NULL,
  answer     TEXT            NOT NULL,
  tags       VARCHAR(300)    NOT NULL DEFAULT '',
  updated_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (entry_id, language),
  UNIQUE KEY uq_faq_translation_question (language, question),
  CONSTRAINT fk_faq_translation_entry FOREIGN KEY (entry_id) REFERENCES faq_entries (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The consent text in other languages: the same version (agreeing in Italian is agreeing to
-- that version), its body translated. A version without one is shown in its source text.
CREATE TABLE consent_translations (
  version  VARCHAR(32) NOT NULL,
  language VARCHAR(8)  NOT NULL,
  body     MEDIUMTEXT  NOT NULL,
  PRIMARY KEY (version, language),
  CONSTRAINT fk_consent_translation_version FOREIGN KEY (version) REFERENCES consent_versions (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
