-- The assistant's knowledge base in Italian (issue 17): one faq_translations row per
-- entry of 0003_faq.sql, found by its English question, with keywords and synonyms for
-- retrieval with the Italian stemmer. Public information only, the same facts as the
-- English. INSERT IGNORE: seed-demo runs on every start and must not undo what an
-- administrator changed at /admin/faq.
INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Quali sono gli orari di apertura?',
  'Orari di apertura: {{hours}}. Lo studio è chiuso anche nei giorni festivi. Ogni medico riceve nei propri orari, all''interno di queste fasce: gli orari liberi che le vengono proposti per l''appuntamento ne tengono già conto.',
  'orari, orario, orari di apertura, apertura, aperto, aprite, chiuso, chiudete, quando, sabato, domenica, festivi, giorni festivi, festività, festivita'
FROM faq_entries WHERE question = 'What are your opening hours?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Dove si trova lo studio?',
  'Aurora Medical Practice si trova in {{address}}, al primo piano. L''ingresso è su strada e c''è l''ascensore. Lo studio è a pochi minuti a piedi dalla stazione Roma Termini.',
  'indirizzo, dove, dove si trova, dove siete, sede, posizione, come trovarci, indicazioni, via dei mille, roma, mappa, piano, termini'
FROM faq_entries WHERE question = 'Where is the practice?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come si arriva allo studio in metro, autobus o treno?',
  'Siamo in {{address}}. In metro: la fermata Castro Pretorio (linea B) è a circa 5 minuti a piedi e Termini (linee A e B) a circa 8 minuti. In treno: la stazione Roma Termini è a circa 8 minuti a piedi. In autobus: molte linee fermano a Termini e in Piazza dell''Indipendenza, a 2 minuti dal nostro portone. Il calcolo percorso di ATAC le indica il tragitto migliore dal punto in cui si trova.',
  'come arrivare, come arrivo, indicazioni, metro, metropolitana, autobus, bus, treno, stazione, fermata, termini, castro pretorio, mezzi pubblici, atac'
FROM faq_entries WHERE question = 'How do I get to the practice by metro, bus or train?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'C''è parcheggio vicino allo studio?',
  'Lo studio non ha un parcheggio proprio. Nelle vie intorno ci sono parcheggi a pagamento su strada (strisce blu) e vicino alla stazione Termini si trovano diversi garage. Davanti all''edificio c''è un posto auto riservato ai titolari del contrassegno disabili. Prima di entrare in auto in centro, verifichi le regole e gli orari della ZTL (zona a traffico limitato), per non prendere una multa.',
  'parcheggio, parcheggi, parcheggiare, posteggio, macchina, auto, garage, strisce blu, ztl, zona a traffico limitato, multa, disabili, contrassegno disabili, posto auto'
FROM faq_entries WHERE question = 'Is there parking near the practice?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Lo studio è accessibile in sedia a rotelle?',
  'Sì. L''ingresso è senza gradini, un ascensore porta al primo piano, porte e corridoi sono abbastanza larghi per una sedia a rotelle e c''è un bagno accessibile. Se ha bisogno di aiuto per entrare, o di una sedia a rotelle durante la sua permanenza, ce lo dica quando prenota oppure chiami la segreteria al suo arrivo. I cani guida e i cani d''assistenza sono i benvenuti.',
  'accessibilità, accessibilita, accessibile, sedia a rotelle, carrozzina, disabili, disabilità, disabilita, ascensore, gradini, barriere architettoniche, mobilità ridotta, cane guida, bagno per disabili'
FROM faq_entries WHERE question = 'Is the practice accessible for wheelchair users?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Lavorate con il Servizio Sanitario Nazionale (SSN) o privatamente?',
  'Entrambi. Se uno dei nostri medici di famiglia o pediatri è il suo medico nell''ambito del SSN (Servizio Sanitario Nazionale), le sue visite sono gratuite. Le visite di cardiologia e di dermatologia, e quelle dei pazienti che non sono assistiti dai nostri medici, sono private. Collaboriamo con diverse assicurazioni sanitarie private: chieda in segreteria se la sua è tra queste e cosa portare.',
  'ssn, servizio sanitario nazionale, mutua, convenzionato, convenzionati, pubblico, privato, privatamente, a pagamento, gratis, gratuito, gratuita, assicurazione, assicurazione sanitaria'
FROM faq_entries WHERE question = 'Do you work with the national health service (SSN) or privately?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come posso pagare?',
  'Può pagare in segreteria con carta di debito o di credito (anche contactless), con Bancomat o in contanti. Non accettiamo assegni. Riceve sempre una ricevuta: se ci comunica il suo codice fiscale, è valida per la detrazione fiscale delle spese mediche.',
  'pagamento, pagare, pago, carta, carta di credito, bancomat, pos, contanti, contactless, assegni, ricevuta, fattura, detrazione fiscale, detrazione, codice fiscale'
FROM faq_entries WHERE question = 'How can I pay?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Quanto costa una visita privata?',
  'Una visita privata con un medico di famiglia costa 70 euro. Una prima visita specialistica (pediatria, cardiologia o dermatologia) costa 120 euro, una visita di controllo 90 euro. Un ECG con referto costa 50 euro e una mappatura completa dei nei 150 euro. Le visite nell''ambito del SSN con il proprio medico di famiglia o pediatra sono gratuite. La segreteria può confermarle il prezzo di qualsiasi altra prestazione prima della prenotazione.',
  'prezzo, prezzi, costo, costi, costa, quanto, quanto costa, quanto viene, quanto pago, tariffa, tariffe, onorario, parcella, euro, visita privata, privatamente, prima visita, visita specialistica, visita di controllo, senza impegnativa'
FROM faq_entries WHERE question = 'How much does a private visit cost?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Cosa devo portare all''appuntamento?',
  'Porti un documento d''identità, la tessera sanitaria e, se li ha, l''impegnativa del medico, l''elenco dei farmaci che assume e i referti di esami recenti o la documentazione dell''ospedale. Per un bambino porti anche il libretto delle vaccinazioni. Se ha un''assicurazione sanitaria privata, porti i dati della sua polizza.',
  'cosa portare, portare, documenti, documento, documento d''identità, carta d''identità, carta di identita, tessera sanitaria, impegnativa, elenco farmaci, referti, esami, libretto vaccinale, polizza'
FROM faq_entries WHERE question = 'What should I bring to my appointment?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come mi preparo per un esame del sangue?',
  'Per la maggior parte degli esami del sangue bisogna essere a digiuno: non mangi nulla da 8 a 12 ore prima dell''esame. Può bere acqua e deve prendere i suoi farmaci abituali, salvo diversa indicazione del medico. Il giorno prima eviti alcolici e sforzi fisici intensi. Eseguiamo i prelievi del sangue dal lunedì al venerdì dalle 08:00 alle 10:00, su appuntamento.',
  'esame del sangue, esami del sangue, analisi del sangue, analisi, esami, prelievo, prelievi, prelievo del sangue, a digiuno, preparazione, prepararsi, laboratorio, acqua, colazione, mangiare'
FROM faq_entries WHERE question = 'How do I prepare for a blood test?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come posso avere una ricetta o il rinnovo di una ricetta?',
  'Per i farmaci che prende regolarmente, chieda il rinnovo della ricetta al suo medico di famiglia per telefono al {{phone}} o per email a {{email}}, indicando il nome e il dosaggio di ogni farmaco. Le ricette rinnovate sono pronte entro 2 giorni lavorativi e sono elettroniche (dematerializzate): riceve il numero della ricetta (NRE) via email o SMS e lo presenta in qualsiasi farmacia. Per un farmaco nuovo serve sempre una visita.',
  'ricetta, ricette, rinnovo, rinnovare, rinnovo ricetta, ricetta elettronica, ricetta dematerializzata, nre, prescrizione, farmaco, farmaci, medicine, medicinali, farmacia, terapia'
FROM faq_entries WHERE question = 'How do I get a prescription or a repeat prescription?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come posso avere i referti dei miei esami?',
  'Il suo medico esamina prima i risultati e la contatta se c''è qualcosa da discutere. Può ritirarne una copia in segreteria con un documento d''identità, oppure chiedere di riceverla via email. Per tutelare la sua privacy non comunichiamo mai i risultati per telefono. La maggior parte dei risultati degli esami del sangue è pronta entro 3 giorni lavorativi.',
  'referti, referto, risultati, esiti, esito, esami, analisi, risultati esami, esami del sangue, ritirare, ritiro, copia, scaricare, pronti'
FROM faq_entries WHERE question = 'How do I get my test results?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come posso disdire o spostare un appuntamento?',
  'Può disdire o spostare un appuntamento online, tramite l''assistente o dalla pagina Appuntamenti, fino a 24 ore prima dell''inizio. Dopo questo termine, chiami la segreteria al {{phone}}, così possiamo offrire l''orario a un altro paziente. Se non può venire, ci avvisi sempre: in caso di ripetute assenze senza preavviso potremmo chiederle di prenotare per telefono.',
  'disdire, disdetta, annullare, cancellare, spostare, rimandare, cambiare appuntamento, spostare la visita, disdire la visita, modificare appuntamento, 24 ore, preavviso, disdetta tardiva, assenza, non posso venire'
FROM faq_entries WHERE question = 'How do I cancel or change an appointment?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Cosa succede se arrivo in ritardo?',
  'La preghiamo di arrivare da 5 a 10 minuti prima. Se è in ritardo, chiami la segreteria al {{phone}}. Se arriva con più di 15 minuti di ritardo, il medico potrebbe non riuscire a visitarla senza far attendere gli altri pazienti, e potremmo chiederle di prenotare un nuovo appuntamento.',
  'ritardo, in ritardo, arrivo in ritardo, ritardare, tardi, arrivare, puntuale, puntualità, puntualita, in orario, anticipo, minuti, appuntamento perso'
FROM faq_entries WHERE question = 'What happens if I arrive late?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Si può fare il vaccino antinfluenzale?',
  'Sì. La campagna di vaccinazione antinfluenzale inizia a ottobre. Il vaccino è gratuito con il SSN per le persone dai 60 anni in su, le donne in gravidanza, le persone con malattie croniche e le altre categorie a rischio. Gli altri possono farlo privatamente. Prenoti un appuntamento per la vaccinazione con il suo medico di famiglia, oppure chieda in segreteria quando il vaccino sarà disponibile.',
  'influenza, antinfluenzale, vaccino antinfluenzale, vaccinazione antinfluenzale, vaccino, vaccinazione, antinfluenzale gratis, puntura, ottobre, autunno, inverno, anziani, gravidanza'
FROM faq_entries WHERE question = 'Do you offer the flu vaccine?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Vaccinate i bambini?',
  'Sì. I nostri pediatri eseguono le vaccinazioni del calendario vaccinale nazionale ai bambini loro assistiti e danno consigli su quelle facoltative. Porti il libretto vaccinale del bambino a ogni appuntamento. Prenoti un appuntamento di pediatria specificando che è per una vaccinazione.',
  'bambini, bambino, figli, figlio, neonato, vaccinazioni, vaccinazione, vaccini, vaccinare, pediatra, pediatria, libretto vaccinale, calendario vaccinale, vaccini obbligatori'
FROM faq_entries WHERE question = 'Do you vaccinate children?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'I vostri medici fanno visite domiciliari?',
  'Sì, per i pazienti dei nostri medici di famiglia che non possono venire in studio a causa di una malattia o di una disabilità. Per una visita domiciliare in giornata, chiami la segreteria al {{phone}} prima delle 10:00. Per le richieste successive, la visita avviene il giorno lavorativo seguente. Le visite domiciliari non si possono prenotare online.',
  'visita domiciliare, visite domiciliari, visita a domicilio, domicilio, domiciliare, a casa, casa, allettato, non posso uscire, non deambulante, malato'
FROM faq_entries WHERE question = 'Do your doctors make home visits?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Quali lingue parlano i vostri medici?',
  'Tutti i nostri medici parlano italiano e la maggior parte parla anche inglese. Alcuni di loro parlano anche spagnolo, francese e tedesco. Il profilo di ogni medico indica le lingue che parla, così al momento della prenotazione può scegliere un medico con cui si trova a suo agio. Il personale della segreteria parla italiano e inglese.',
  'lingue, lingua, parlare, parlano, inglese, english, italiano, spagnolo, francese, tedesco, straniero, stranieri, interprete, traduttore'
FROM faq_entries WHERE question = 'Which languages do your doctors speak?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Cosa devo fare in caso di emergenza?',
  'In caso di emergenza chiami subito il 112 o si rechi al Pronto Soccorso più vicino. Dolore al petto, difficoltà a respirare, segni di ictus, emorragie gravi o perdita di coscienza sono emergenze. Questo studio e il suo assistente non sono un servizio di emergenza.',
  'emergenza, emergenze, urgenza, urgente, 112, 118, ambulanza, pronto soccorso, dolore al petto, infarto, ictus, emorragia, svenimento, aiuto'
FROM faq_entries WHERE question = 'What should I do in an emergency?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Chi posso chiamare quando lo studio è chiuso?',
  'Per problemi urgenti che non sono emergenze, di notte, nei fine settimana e nei giorni festivi, chiami la Guardia Medica (servizio di continuità assistenziale) al 116117. In caso di emergenza chiami sempre il 112.',
  'guardia medica, continuità assistenziale, continuita assistenziale, 116117, notte, di notte, notturno, fine settimana, weekend, chiuso, chiusi, quando siete chiusi, domenica, festivi, urgenza, sera, di sera, la sera, a chi mi rivolgo, rivolgo, rivolgermi, fuori orario, febbre alta, sto male, farmi visitare'
FROM faq_entries WHERE question = 'Who can I call when the practice is closed?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come proteggete i miei dati personali?',
  'Trattiamo i suoi dati secondo il Regolamento generale sulla protezione dei dati dell''UE (GDPR) e solo per prenderci cura di lei. Le sue informazioni mediche sono cifrate e possono vederle solo i suoi medici, lei e i caregiver che lei sceglie. Ha il diritto di accedere ai suoi dati, correggerli, riceverne una copia, ottenerne la cancellazione e opporsi al loro uso: lo chieda dal suo account o scriva a {{email}}. Può anche presentare reclamo all''autorità italiana per la protezione dei dati (Garante per la protezione dei dati personali).',
  'privacy, dati, dati personali, gdpr, protezione dei dati, trattamento dei dati, riservatezza, riservati, sicurezza, cancellare i miei dati, cancellazione dati, copia dei dati, garante, garante privacy'
FROM faq_entries WHERE question = 'How do you protect my personal data?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Posso prenotare un appuntamento per mio figlio?',
  'Sì. Chiami la segreteria, oppure prenoti online come caregiver di suo figlio: quando la scheda paziente del bambino è collegata al suo account, con lei come caregiver, può prenotare, spostare e disdire gli appuntamenti del bambino. La prima volta chieda alla segreteria di creare il collegamento. I bambini fino a 14 anni sono visitati dai nostri pediatri.',
  'figlio, figlia, figli, bambino, bambini, neonato, prenotare per mio figlio, genitore, genitori, minore, minorenne, pediatra, pediatria, caregiver'
FROM faq_entries WHERE question = 'Can I book an appointment for my child?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Un familiare o una persona che mi assiste può gestire i miei appuntamenti?',
  'Sì. Dal suo account può invitare via email un caregiver, per esempio un familiare. Una volta accettato l''invito, il caregiver può prenotare, spostare e disdire appuntamenti per suo conto. Vede le note delle sue visite solo se lei lo consente, e lei può revocargli l''accesso in qualsiasi momento.',
  'caregiver, familiare, familiari, parente, badante, persona di fiducia, per conto di, prenotare per un familiare, genitore anziano, altra persona, delega, delegare, gestire appuntamenti, accesso'
FROM faq_entries WHERE question = 'Can a family member or carer manage my appointments?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Posso avere un certificato medico?',
  'Sì, dopo una visita. Per l''assenza dal lavoro per malattia, il suo medico di famiglia invia il certificato di malattia per via telematica all''INPS e le comunica il numero del certificato. I certificati per l''attività sportiva non agonistica richiedono una visita e un ECG a riposo e sono privati. Gli altri certificati si possono richiedere in segreteria. Alcuni sono a pagamento.',
  'certificato, certificati, certificato medico, certificato di malattia, malattia, in mutua, inps, lavoro, assenza, certificato sportivo, sport, non agonistico, idoneità, idoneita, palestra'
FROM faq_entries WHERE question = 'Can I get a medical certificate?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Offrite visite online o in videochiamata?',
  'Alcune visite di controllo possono svolgersi in videochiamata, se il suo medico concorda che non è necessario visitarla di persona. Ne parli con il suo medico o con la segreteria. Le prime visite, e tutto ciò che richiede un esame obiettivo, si svolgono in studio. L''assistente prenota solo visite in studio.',
  'online, visita online, videochiamata, video, videovisita, televisita, telemedicina, teleconsulto, consulto online, videoconsulto, a distanza, chiamare il medico'
FROM faq_entries WHERE question = 'Do you offer online or video consultations?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come mi iscrivo come nuovo paziente?',
  'Chiunque può prenotare una visita privata: crei un account su questo sito e prenoti. Per scegliere uno dei nostri medici di famiglia o pediatri come suo medico nell''ambito del SSN, registri la scelta presso la sua ASL (ASL Roma 1) con la tessera sanitaria e il codice fiscale, poi crei qui il suo account.',
  'nuovo paziente, iscrizione, iscriversi, registrarsi, registrazione, account, scelta del medico, scegliere il medico, cambiare medico, medico di base, medico di famiglia, pediatra, asl, tessera sanitaria'
FROM faq_entries WHERE question = 'How do I register as a new patient?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Ho dimenticato la password. Cosa posso fare?',
  'Nella pagina di accesso scelga «Ha dimenticato la password?» e inserisca il suo indirizzo email. Se appartiene a un account, riceverà un''email con un link per scegliere una nuova password. Il link funziona per 30 minuti. Se usa la verifica in due passaggi e ha perso il telefono, acceda con uno dei suoi codici di recupero. Se ancora non riesce ad accedere, chiami la segreteria. Per la sua sicurezza, il nostro personale non le chiederà mai la password.',
  'password, password dimenticata, dimenticato la password, recuperare la password, reimpostare la password, reimpostare, accesso, accedere, login, entrare, non riesco ad accedere, account bloccato, account, codici di recupero'
FROM faq_entries WHERE question = 'I forgot my password. What can I do?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Offrite vaccinazioni e consulenze per i viaggi?',
  'Sì. Prenoti una visita con un medico di famiglia almeno 4–8 settimane prima della partenza, in modo da avere il tempo per i vaccini che richiedono più di una dose. Porti la documentazione delle sue vaccinazioni e i suoi programmi di viaggio. Alcuni vaccini, come quello contro la febbre gialla, si fanno solo nei centri autorizzati di medicina dei viaggi: le diremo dove rivolgersi.',
  'viaggio, viaggi, viaggiare, vaccini per viaggi, vaccinazioni per viaggi, vacanza, vacanze, estero, partenza, febbre gialla, tifo, epatite, malaria, medicina dei viaggi'
FROM faq_entries WHERE question = 'Do you offer travel vaccinations and advice?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Quando ricevono i pediatri?',
  'I nostri pediatri visitano i bambini dal lunedì al sabato negli orari di apertura dello studio, compresi alcuni sabati mattina. I giorni e gli orari di ogni pediatra sono indicati quando cerca un appuntamento libero. Se il bambino non sta bene e non trova un orario adatto, chiami la segreteria al {{phone}}.',
  'orari pediatri, orario pediatra, pediatra, pediatri, pediatria, bambini, bambino, figlio, quando, orari, giorni, sabato, ricevono, visitano'
FROM faq_entries WHERE question = 'When do the paediatricians see children?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come mi preparo per un ECG?',
  'L''ECG (elettrocardiogramma) dura da 10 a 15 minuti circa e non fa male. Non è necessario essere a digiuno. Indossi abiti facili da aprire sul petto e quel giorno non metta creme o oli per il corpo sul petto. Prenda i suoi farmaci abituali e ne porti l''elenco, insieme a eventuali ECG precedenti.',
  'ecg, elettrocardiogramma, elettro, tracciato, cardiogramma, esame del cuore, cuore, cardiologia, cardiologo, preparazione, prepararsi, a digiuno'
FROM faq_entries WHERE question = 'How do I prepare for an ECG?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Che cos''è il controllo della pelle o la mappatura dei nei?',
  'Durante il controllo della pelle il nostro dermatologo esamina la pelle e i nei con un dermatoscopio. La mappatura dei nei comprende anche la fotografia digitale dei nei, così da poter confrontare eventuali cambiamenti alla visita successiva. Dura dai 30 ai 45 minuti. Si presenti senza trucco né autoabbronzante ed eviti le scottature solari nei giorni precedenti. Prenoti un appuntamento di dermatologia.',
  'neo, nevi, nevo, mappatura, mappatura nei, controllo nei, controllo della pelle, pelle, dermatologia, dermatologo, dermatoscopia, melanoma, tumore della pelle, macchie, neo sospetto'
FROM faq_entries WHERE question = 'What is a skin check or mole mapping?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Cosa può fare l''assistente?',
  'L''assistente può prenotare, spostare e disdire i suoi appuntamenti, mostrarle i prossimi appuntamenti e rispondere a domande sullo studio, come gli orari di apertura, i prezzi e come prepararsi a una visita. Non può fare diagnosi, dare consigli medici né indicare dosi di farmaci: per questo prenoti una visita. Non è un servizio per le emergenze: chiami il 112. Se non riesce ad aiutarla, chiami la segreteria al {{phone}}.',
  'assistente, chatbot, bot, chat, aiuto, cosa sai fare, cosa puoi fare, funzioni, prenotare, disdire, consiglio medico, diagnosi, operatore, persona, parlare con qualcuno'
FROM faq_entries WHERE question = 'What can the assistant do?';

INSERT IGNORE INTO faq_translations (entry_id, language, question, answer, tags)
SELECT id, 'it', 'Come posso contattare lo studio?',
  'Chiami la segreteria al {{phone}} negli orari di apertura, oppure scriva a {{email}}. La preghiamo di non inviare domande mediche urgenti via email: rispondiamo entro 2 giorni lavorativi. In caso di emergenza chiami il 112.',
  'contatti, contattare, telefono, numero di telefono, numero, telefonare, chiamare, email, e-mail, mail, scrivere, segreteria, reception, parlare con qualcuno, numero dello studio, telefono dello studio, cellulare, recapito'
FROM faq_entries WHERE question = 'How do I contact the practice?';
