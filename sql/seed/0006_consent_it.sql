-- The consent text of 0004_consent.sql in Italian (issue 17): the same version, so agreeing
-- on the Italian page is agreeing to it. INSERT IGNORE: loading it on every start changes
-- nothing.
INSERT IGNORE INTO consent_translations (version, language, body) VALUES ('2026-11-22', 'it',
'Che cosa conserviamo. Il suo account: nome, indirizzo email e, se li indica, numero di telefono e data di nascita. I suoi appuntamenti: medico, data, ora e stato, e il motivo di ogni visita se lo scrive. Le note che i medici scrivono dopo una visita. Le sue conversazioni con l''assistente. I caregiver che invita. Un registro di chi ha letto o modificato i suoi dati.

Perché. Per prenotare e gestire i suoi appuntamenti, per permettere ai medici di preparare e registrare le sue cure, per permettere alle persone che sceglie di aiutarla e per rispondere alle sue domande. Nulla viene usato per pubblicità o condiviso fuori dallo studio.

Come sono protetti. Le informazioni mediche e i dati personali sono cifrati con una chiave solo sua; solo lei, i caregiver che autorizza e i medici dello studio possono leggere le sue informazioni mediche. Gli amministratori non possono leggere i motivi delle visite, le note delle visite né le conversazioni.

Per quanto tempo. Conversazioni con l''assistente: 90 giorni. Appuntamenti e note delle visite: finché mantiene l''account, come documentazione clinica. I registri di sicurezza non contengono nomi, email o messaggi, solo identificativi pseudonimi.

Le sue scelte. Senza questo consenso il suo account funziona comunque e può prenotare appuntamenti, ma non viene conservato alcun motivo della visita e l''assistente non è disponibile. Può revocare il consenso in qualsiasi momento dalla pagina Consenso: da quel momento non viene conservato nulla di medico.');
