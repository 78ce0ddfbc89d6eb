-- Practice-wide settings an admin can change (shown on the home page; later also the
-- booking rules). A key/value table so a new setting needs no schema change.
CREATE TABLE practice_settings (
  setting_key   VARCHAR(64)   NOT NULL PRIMARY KEY,
  setting_value VARCHAR(2000) NOT NULL,
  updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
