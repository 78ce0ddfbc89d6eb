-- Accounts, sessions, limits and the audit trail (issue 3).
--
-- Nothing personal is stored in plaintext: *_ct columns are AES-256-GCM ciphertexts under
-- the user's data key (security/vault.hpp; AAD "users.<column>#<id>"), and the email is
-- found through email_bidx, an HMAC blind index. Tokens are stored only as SHA-256.

CREATE TABLE users (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  role                ENUM('patient','caregiver','doctor','admin') NOT NULL,
  -- pending: a doctor who registered and waits for an admin's approval (cannot sign in)
  status              ENUM('active','pending','disabled') NOT NULL DEFAULT 'active',
  email_bidx          BINARY(32)      NOT NULL,
  email_ct            VARBINARY(600)  NOT NULL,
  name_ct             VARBINARY(600)  NOT NULL,
  phone_ct            VARBINARY(200)  NULL,
  dob_ct              VARBINARY(100)  NULL,
  password_hash       VARCHAR(100)    NOT NULL,
  -- carried in every session token as "pwv": a change or reset makes older tokens fail
  password_version    INT UNSIGNED    NOT NULL DEFAULT 1,
  password_changed_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  mfa_secret_ct       VARBINARY(200)  NULL,
  mfa_enabled         TINYINT(1)      NOT NULL DEFAULT 0,
  -- the last TOTP time step accepted, so one code cannot be used twice
  mfa_last_step       BIGINT          NULL,
  created_at          DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at          DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_users_email (email_bidx),
  KEY ix_users_role_status (role, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One data key per user, only ever stored wrapped under a versioned master key. Deleting
-- the row shreds every *_ct value of that user (and any copy of it in a backup).
CREATE TABLE data_keys (
  user_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  key_version INT UNSIGNED    NOT NULL,
  wrapped_key VARBINARY(128)  NOT NULL,
  updated_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  KEY ix_data_keys_version (key_version),
  CONSTRAINT fk_data_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Signed-out session ids, kept until the token could no longer be used anyway.
CREATE TABLE revoked_tokens (
  jti        CHAR(32)    NOT NULL PRIMARY KEY,
  expires_at DATETIME(6) NOT NULL,
  KEY ix_revoked_expires (expires_at)
) ENGINE=InnoDB;

-- Password reset tokens: only the SHA-256 of the mailed token, 30 minutes, single use.
CREATE TABLE password_resets (
  token_hash BINARY(32)      NOT NULL PRIMARY KEY,
  user_id    BIGINT UNSIGNED NOT NULL,
  expires_at DATETIME(6)     NOT NULL,
  used_at    DATETIME(6)     NULL,
  created_at DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_resets_user (user_id),
  KEY ix_resets_expires (expires_at),
  CONSTRAINT fk_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- MFA recovery codes, shown once, stored as SHA-256 (they are 80-bit random, not passwords).
CREATE TABLE recovery_codes (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id   BIGINT UNSIGNED NOT NULL,
  code_hash BINARY(32)      NOT NULL,
  used_at   DATETIME(6)     NULL,
  UNIQUE KEY uq_recovery (user_id, code_hash),
  CONSTRAINT fk_recovery_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Fixed-window request counters shared by every app process: bucket names the rule, the
-- client network and the window length; window_start is in seconds since the epoch.
CREATE TABLE rate_counters (
  bucket       VARCHAR(190)    NOT NULL,
  window_start BIGINT          NOT NULL,
  hits         INT UNSIGNED    NOT NULL,
  expires_at   DATETIME(6)     NOT NULL,
  PRIMARY KEY (bucket, window_start),
  KEY ix_rate_expires (expires_at)
) ENGINE=InnoDB;

-- Failed sign-ins per account (by the email's blind index, so unknown emails behave the
-- same): 5 within 15 minutes lock the account for 15 minutes, from any address.
CREATE TABLE login_failures (
  email_bidx       BINARY(32)   NOT NULL PRIMARY KEY,
  failures         INT UNSIGNED NOT NULL,
  first_failure_at DATETIME(6)  NOT NULL,
  locked_until     DATETIME(6)  NULL
) ENGINE=InnoDB;

-- The audit trail: pseudonymous actor (HMAC of the user id), truncated network, an event
-- name and a non-personal detail. Each row carries the hash of the previous one
-- (security/audit_chain.hpp), so editing or removing a row by hand is detected.
CREATE TABLE audit_log (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at        VARCHAR(32)     NOT NULL,
  event     VARCHAR(40)     NOT NULL,
  actor     VARCHAR(64)     NOT NULL,
  network   VARCHAR(64)     NOT NULL,
  detail    VARCHAR(200)    NOT NULL,
  prev_hash CHAR(64)        NOT NULL,
  hash      CHAR(64)        NOT NULL,
  KEY ix_audit_event (event),
  KEY ix_audit_actor (actor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The chain's head, locked while a row is appended so concurrent writers stay in order.
CREATE TABLE audit_head (
  id        TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id   BIGINT UNSIGNED  NOT NULL,
  last_hash CHAR(64)         NOT NULL
) ENGINE=InnoDB;
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, REPEAT('0', 64));
