-- The assistant's conversations (issue 8) and the staff inbox it can leave messages in.
--
-- Every text and every dialogue state is AES-256-GCM under the SUBJECT's data key (the
-- patient the conversation is about, also when a caregiver is typing), AAD
-- "<table>.<column>#<row>", so erasing the patient's key shreds their chats too. Rows are
-- kept assistant.retention_days (default 90) and then purged (medassist-admin purge-chats,
-- and the app itself about once an hour).
--
-- Conversations are found by (id, owner_id, subject_id) together, never by the id alone:
-- an id from a request only finds a row of the signed-in user about a patient they may act
-- for.

CREATE TABLE conversations (
  -- a random public token: 32 hex characters from the OpenSSL generator
  id          CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  -- the signed-in user who chats: the patient, or a caregiver
  owner_id    BIGINT UNSIGNED NOT NULL,
  -- the patient whose data it concerns; NULL only while a caregiver with several linked
  -- patients has not said yet whom they act for (nothing is stored then)
  subject_id  BIGINT UNSIGNED NULL,
  -- the dialogue state (with the last quick replies), NULL before the first turn
  state_ct    MEDIUMBLOB      NULL,
  -- messages stored so far: the next one is last_seq + 1
  last_seq    INT UNSIGNED    NOT NULL DEFAULT 0,
  -- 1 once "New conversation" ended it; it can no longer be continued
  closed      TINYINT(1)      NOT NULL DEFAULT 0,
  created_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_conversations_owner (owner_id, subject_id, closed, updated_at),
  KEY ix_conversations_subject (subject_id),
  KEY ix_conversations_updated (updated_at),
  CONSTRAINT fk_conversations_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_conversations_subject FOREIGN KEY (subject_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE chat_messages (
  conversation_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  seq             INT UNSIGNED    NOT NULL,
  subject_id      BIGINT UNSIGNED NOT NULL,
  -- 'patient': whoever typed on the patient's side (the patient or their caregiver)
  sender          ENUM('patient','assistant') NOT NULL,
  -- at most 1000 characters typed, a reply of a few thousand: + nonce and tag
  text_ct         BLOB            NOT NULL,
  -- the label the turn was handled as (book_appointment, faq, emergency, ...): never text
  intent          VARCHAR(40)     NOT NULL DEFAULT '',
  created_at      DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (conversation_id, seq),
  KEY ix_chat_messages_created (created_at),
  KEY ix_chat_messages_subject (subject_id),
  CONSTRAINT fk_chat_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_chat_messages_subject FOREIGN KEY (subject_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Messages a patient (or their caregiver) asked the assistant to pass to the practice's
-- staff, read by admins at /admin/inbox.
CREATE TABLE staff_messages (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subject_id  BIGINT UNSIGNED NOT NULL,
  sent_by     BIGINT UNSIGNED NOT NULL,
  text_ct     BLOB            NOT NULL,
  created_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  handled_at  DATETIME(6)     NULL,
  handled_by  BIGINT UNSIGNED NULL,
  KEY ix_staff_messages_created (created_at),
  KEY ix_staff_messages_subject (subject_id),
  CONSTRAINT fk_staff_messages_subject FOREIGN KEY (subject_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_staff_messages_sender FOREIGN KEY (sent_by) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
