-- Mails in their reader's language (Italian mails).
--
-- The language an account chose (a code the app has a catalog for: 'en', 'it'), saved at
-- registration from the page's language, by the language switcher while signed in and on the
-- account page. Every mail to the account is written in it, and a sign-in sets the language
-- cookie from it. NULL: never chosen, so the practice's default (practice.default_language).
ALTER TABLE users
  ADD COLUMN language VARCHAR(8) NULL AFTER email_confirmed_at;
