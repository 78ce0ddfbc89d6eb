-- Accounts you can trust (issue 16).
--
-- A self-registered account is 'unconfirmed' until the link mailed to its address is opened
-- together with the password chosen at registration: until then it cannot sign in, and the
-- retention job deletes it after a day. email_confirmed_at says when the address was proved;
-- accounts made before this migration have it NULL ("never proved"), so their first reset
-- starts them clean (see accounts_service.cpp, startClean).
ALTER TABLE users
  MODIFY status ENUM('active','pending','disabled','unconfirmed') NOT NULL DEFAULT 'active',
  ADD COLUMN email_confirmed_at DATETIME(6) NULL AFTER mfa_last_step;

-- Confirmation links: only the SHA-256 of the mailed token, 24 hours, single use.
CREATE TABLE email_confirmations (
  token_hash BINARY(32)      NOT NULL PRIMARY KEY,
  user_id    BIGINT UNSIGNED NOT NULL,
  expires_at DATETIME(6)     NOT NULL,
  used_at    DATETIME(6)     NULL,
  created_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_confirmations_user (user_id),
  KEY ix_confirmations_expires (expires_at),
  CONSTRAINT fk_confirmations_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Invitations are bound to the link mailed with them, not to an address: only the SHA-256
-- of the token is kept, and accepting needs the token (and a confirmed caregiver account).
-- Invitations still open from before have no token and can no longer be accepted; the
-- patient sees them and can invite again.
ALTER TABLE caregiver_links
  ADD COLUMN invite_token_hash BINARY(32) NULL AFTER invite_email_ct,
  ADD UNIQUE KEY uq_links_invite_token (invite_token_hash);

-- Data minimisation on cancel: a cancelled booking's reason is destroyed, also for the ones
-- cancelled before this migration.
UPDATE appointments SET reason_ct = NULL WHERE status = 'cancelled';
