// MedAssist in a real browser: Debian's Chromium driven by playwright-core against the
// stack scripts/test started (MEDASSIST_TEST_* variables). Each flow is a separate test in
// a context of its own; see README.md. Exit status: 0 all passed, 1 a flow failed, 77 no
// stack to test (ctest: skipped).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    check, CheckFailed, config, createUser, demoAccounts, launch, Runner, sleep, strongPassword, totp, uniqueEmail, uniqueFirstName,
} from './harness.mjs';
import {
    bookThroughChat, cancelThroughChat, chatLogger, chatPress, chatSay, enrollTotp, hideText, enterTotp,
    expectSignInRequired, getMailbox, giveConsent, mailText, register, setMailbox, signIn, signOut,
} from './steps.mjs';

const cfg = config();
if (!cfg) {
    console.log('browser_flows: MEDASSIST_TEST_BASE_URL is not set (run through scripts/test); skipped');
    process.exit(77);
}
if (!existsSync(cfg.chromium)) {
    console.log(`browser_flows: ${cfg.chromium} is missing (apt-get install chromium)`);
    process.exit(1);
}

const PRACTICE_ZONE = 'Europe/Rome';
const clip = (t, n = 300) => String(t ?? '').replace(/\s+/g, ' ').trim().slice(0, n);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];

// A weekday (Monday to Friday) between `min` and `max` days ahead in the practice's time
// zone, as "12 March": far enough for the 24-hour cancellation cutoff, random so repeated
// runs and other suites rarely want the same slot.
function bookableDay(min = 4, max = 40) {
    for (;;) {
        const offset = min + Math.floor(Math.random() * (max - min + 1));
        const d = new Date(Date.now() + offset * 86400000);
        const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
            timeZone: PRACTICE_ZONE, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric',
        }).formatToParts(d).map((p) => [p.type, p.value]));
        if (parts.weekday === 'Sat' || parts.weekday === 'Sun') continue;
        return { text: `${parts.day} ${MONTHS[Number(parts.month) - 1]}`, day: Number(parts.day), month: Number(parts.month) };
    }
}

const here = path.dirname(new URL(import.meta.url).pathname);
let runnerRef = null;
const randomTag = () => Math.random().toString(36).slice(2, 8);

// ---- flows ----------------------------------------------------------------------------------

async function patientFlow(flow, step) {
    const me = {
        name: `${uniqueFirstName('Browser')} Paziente`,
        email: uniqueEmail('patient'),
        password: strongPassword(),
    };
    const doctor = 'Dr. Giulia Rossi';
    const day = bookableDay();
    const reason = `routine check-up ${randomTag()}`;
    const log = chatLogger('chat');

    await step('register as a patient on /register (no consent yet)', async () => {
        await register(flow, { role: 'patient', ...me });
        flow.expectPath('/welcome', 'after registering');
        await flow.expectText(/Here is what you can do next/, 'the welcome page');
        await flow.expectText(/Give your consent/, 'the welcome page\'s first step');
        await flow.goto('/account');
        await flow.expectText(me.email, 'the account page shows the new address');
    });

    await step('the chat asks for consent before storing anything', async () => {
        await flow.goto('/chat');
        await flow.expectText(/needs your consent first/, 'the chat without consent');
        await flow.visited('chat-needs-consent');
    });

    await step('give consent on /account/consent', async () => {
        await giveConsent(flow);
    });

    await step('sign out; the home page\'s "Book a visit" signs in and opens the booking pages', async () => {
        await signOut(flow);
        await flow.goto('/');
        await flow.submit(flow.page.getByRole('link', { name: 'Book a visit' }));
        flow.expectPath(/^\/login\?next=/, 'after "Book a visit" signed out');
        await signIn(flow, { email: me.email, password: me.password });
        flow.expectPath('/appointments/new', 'after signing in from "Book a visit"');
        await flow.visited('signed-in');
    });

    await step(`book with ${doctor} on ${day.text} through the chat`, async () => {
        await flow.goto('/chat');
        await flow.visited('chat-empty');
        const done = await bookThroughChat(flow, { doctor, dayText: day.text, time: '10:00', reason, log });
        check(done.includes(doctor), 'the booking reply', `to name ${doctor}`, done);
        await flow.visited('chat-booked');
    });

    await step('the booking is on /appointments', async () => {
        await flow.goto('/appointments');
        const upcoming = await flow.text('section:has(#upcoming-heading)');
        check(upcoming.includes(doctor) && upcoming.includes(reason), 'the upcoming appointments',
            `a row with ${doctor} and the reason "${reason}"`, `"${upcoming.slice(0, 400)}"`);
        await flow.visited('appointments-booked');
    });

    await step('cancel it through the chat', async () => {
        await flow.goto('/chat');
        const done = await cancelThroughChat(flow, { doctor, log });
        check(done.includes(doctor) || done.includes(String(day.day)), 'the cancellation reply',
            `to name the appointment`, done);
        await flow.visited('chat-cancelled');
    });

    await step('/appointments shows it cancelled, not upcoming', async () => {
        await flow.goto('/appointments');
        const upcoming = await flow.text('section:has(#upcoming-heading)');
        check(!upcoming.includes(reason), 'the upcoming appointments', 'no longer the cancelled one',
            `"${upcoming.slice(0, 400)}"`);
        const past = await flow.text('section:has(#past-heading)');
        // Issue 16: the reason of a cancelled booking is destroyed, not kept.
        check(!past.includes(reason) && /cancelled/i.test(past) && past.includes(doctor), 'past and cancelled appointments',
            `a cancelled row with ${doctor} and without "${reason}"`, `"${past.slice(0, 400)}"`);
        await flow.visited('appointments-cancelled');
    });

    await step('download the data export from /account/export', async () => {
        await flow.goto('/account/export');
        await flow.visited('export-form');
        // Issue 22, item 9: a mistyped password first; its error must not outlive the right one.
        await flow.page.locator('#password').fill('not my password at all');
        await flow.page.getByRole('button', { name: 'Show my data' }).click();
        await flow.expectText('The password is not correct.', 'the export page after a wrong password');
        await flow.page.locator('#password').fill(me.password);
        await flow.page.getByRole('button', { name: 'Show my data' }).click();
        const shown = await flow.text();
        check(!shown.includes('not correct') && shown.includes(me.email) && shown.includes('Who used my data'),
            'the export after the right password', 'the data as a readable page, no stale error', shown.slice(0, 300));
        await flow.visited('export-document');
        const [download] = await Promise.all([
            flow.page.waitForEvent('download'),
            flow.page.getByRole('button', { name: 'Download my data' }).click(),
        ]);
        const file = await download.path();
        const text = readFileSync(file, 'utf8');
        let data;
        try { data = JSON.parse(text); } catch (e) {
            check(false, 'the export', 'a JSON file', `${download.suggestedFilename()}: ${e.message}`);
        }
        check(text.includes('medassist-export/1'), 'the export', 'schema "medassist-export/1"',
            text.slice(0, 200));
        check(text.includes(me.email), 'the export', 'the patient\'s own email address', 'not found');
        const appointments = JSON.stringify(data.appointments ?? data);
        check(!appointments.includes(reason) && /cancelled/.test(appointments), 'the export\'s appointments',
            `the cancelled appointment, its reason destroyed (not "${reason}")`, appointments.slice(0, 400));
        check(text.includes('Cancel my appointment'), 'the export', 'the conversation with the assistant',
            'no chat message in it');
        console.log(`       export ${download.suggestedFilename()}: ${text.length} bytes, ` +
            `${Object.keys(data).join(', ')}`);
    });

    await step('sign out; a protected page now asks to sign in', async () => {
        await flow.goto('/account');
        await signOut(flow);
        await expectSignInRequired(flow, '/appointments');
        await expectSignInRequired(flow, '/chat');
    });

    // Issue 22: the walkthrough's new patient ends with erasure. Its page had a danger button
    // whose white text was unreadable on the dark scheme's light red (axe-core's
    // color-contrast), and no flow had visited it.
    await step('sign in again and delete the account on /account/delete', async () => {
        await signIn(flow, { email: me.email, password: me.password });
        await flow.goto('/account/delete');
        await flow.expectText(/What happens/, 'the erasure page');
        await flow.visited('delete-form');
        await flow.page.locator('#password').fill(me.password);
        await flow.page.locator('#confirmation').fill('delete my account');
        await flow.submit(flow.page.getByRole('button', { name: /^Delete my account/ }));
        // No completed visit, so nothing is kept: the goodbye page may say "everything".
        flow.expectPath('/account/deleted', 'after confirming the erasure');
        await flow.expectText(/Everything the practice kept about you has been deleted/, 'the goodbye page');
        await flow.visited('account-deleted');
        const raw = await getMailbox().waitFor(me.email, 20000, /Your account is deleted/);
        check(raw, 'the erasure mail', `a message to ${me.email} within 20 s`, `${getMailbox().count()} other messages`);
        const body = mailText(raw).trim();
        check(/\n\s*Aurora Medical Practice$/.test(body), 'the erasure mail', 'signed with the practice\'s name',
            clip(body.slice(-200)));
        await expectSignInRequired(flow, '/account');
    });
}

// A caregiver: a patient invites them (the invitation is mailed), they register with that
// address, accept, act for the patient (their appointments, a booking through the chat),
// and reach nothing of another patient's.
async function caregiverFlow(flow, step) {
    const other = { name: `${uniqueFirstName('Otto')} Estraneo`, email: uniqueEmail('other'), password: strongPassword() };
    const patient = { name: `${uniqueFirstName('Paola')} Assistita`, email: uniqueEmail('assisted'), password: strongPassword() };
    const carer = { name: `${uniqueFirstName('Carla')} Curatrice`, email: uniqueEmail('carer'), password: strongPassword() };
    const otherReason = `private matter ${randomTag()}`;
    const carerReason = `booked by carer ${randomTag()}`;
    const doctor = 'Dr. Marco Esposito';
    const day = bookableDay();
    const log = chatLogger('chat');
    let otherId = 0;
    const mail = getMailbox();

    try {
        await step('another patient registers (agreeing at registration) and books through the chat', async () => {
            await register(flow, { role: 'patient', ...other, consent: true });
            flow.expectPath('/welcome', 'after registering');
            await flow.goto('/chat');
            await bookThroughChat(flow, { doctor, dayText: day.text, time: '15:00', reason: otherReason, log });
            await flow.visited('other-patient-booked');
        });

        await step('the other patient downloads their export (to learn their id) and signs out', async () => {
            const data = await downloadExport(flow, other.password);
            otherId = Number(data.profile && data.profile.id);
            check(otherId > 0, 'the export\'s profile', 'an id', JSON.stringify(data.profile || {}).slice(0, 100));
            await signOut(flow);
        });

        await step('the patient registers and invites a caregiver on /account/caregivers', async () => {
            await register(flow, { role: 'patient', ...patient, consent: true });
            await flow.goto('/account/caregivers');
            await flow.visited('caregivers-empty');
            await flow.page.locator('#email').fill(carer.email);
            await flow.submit(flow.page.getByRole('button', { name: 'Send the invitation' }));
            flow.expectPath('/account/caregivers?saved=invited', 'after inviting');
            const links = await flow.text('section:has(#links-heading)');
            check(links.includes(carer.email) && /Not yet accepted/.test(links), 'the list of caregivers',
                `${carer.email}, not yet accepted`, `"${links.slice(0, 300)}"`);
            await flow.visited('caregiver-invited');
        });

        let invitationPath = null;
        await step('the invitation reaches the caregiver\'s mailbox, with a link of its own', async () => {
            const message = await mail.waitFor(carer.email, 20000, /invited as a caregiver/i);
            check(message, 'the invitation mail', `a message to ${carer.email} within 20 s`,
                `${mail.count()} other messages`);
            const link = mailText(message).match(/https:\/\/[^\s/]+(\/account\/invitation\?token=[A-Za-z0-9_-]{43})/);
            check(link, 'the invitation mail', 'a single-use /account/invitation link', message.slice(0, 300));
            invitationPath = link[1];
            check(!message.includes(otherReason) && !message.includes(patient.email), 'the invitation mail',
                'nothing about the patient\'s health or address', 'it contains some');
        });

        await step('the patient signs out; the caregiver registers with the invited address', async () => {
            await signOut(flow);
            await register(flow, { role: 'caregiver', ...carer });
        });

        await step('the caregiver opens the invitation link and accepts', async () => {
            await flow.goto('/account/caregivers');
            const nothing = await flow.text('main');
            check(!nothing.includes(patient.name), 'the caregiver page before the link', 'no invitation listed by address',
                `"${nothing.slice(0, 300)}"`);
            await flow.goto(invitationPath);
            const shown = await flow.text('main');
            check(shown.includes(patient.name) && shown.includes(patient.email.slice(0, 2) + '***@'),
                'the invitation page', `${patient.name} and the masked address`, `"${shown.slice(0, 300)}"`);
            await flow.visited('caregiver-invitation');
            await flow.submit(flow.page.getByRole('button', { name: 'Accept the invitation' }));
            flow.expectPath('/account/caregivers?saved=accepted', 'after accepting');
            const helped = await flow.text('section:has(#patients-heading)');
            check(helped.includes(patient.name), 'patients you help', patient.name, `"${helped.slice(0, 300)}"`);
            check(!helped.includes(other.name), 'patients you help', `not ${other.name}`, 'listed');
            await flow.visited('caregiver-accepted');
        });

        await step('the caregiver chooses whom they act for and sees the patient\'s appointments', async () => {
            await flow.goto('/appointments');
            flow.expectPath(/^\/account\/acting-for/, '/appointments before choosing a patient');
            const choices = await flow.text('form[action="/account/acting-for"]');
            check(choices.includes(patient.name) && !choices.includes(other.name), 'the acting-for choices',
                `only ${patient.name}`, `"${choices.slice(0, 300)}"`);
            await flow.visited('acting-for');
            await flow.page.getByLabel(patient.name).check();
            await flow.submit(flow.page.getByRole('button', { name: 'Continue' }));
            flow.expectPath('/appointments', 'after choosing');
            await flow.expectText(`You are managing the appointments of ${patient.name}`, 'the appointments page');
            await flow.visited('appointments-acting-for');
        });

        await step('the caregiver books for the patient through the chat', async () => {
            await flow.goto('/chat');
            await flow.expectText(`You are chatting for ${patient.name}`, 'the chat page');
            await bookThroughChat(flow, { doctor, dayText: day.text, time: '16:00', reason: carerReason, log });
            await flow.goto('/appointments');
            const upcoming = await flow.text('section:has(#upcoming-heading)');
            // Invited without the visit-notes permission: the booking is listed, its reason (medical
            // data, issue 16) is not; the patient sees it below.
            check(upcoming.includes(doctor) && /Booked/.test(upcoming) && !upcoming.includes(carerReason),
                'the patient\'s appointments', `the booking with ${doctor}, without its reason`,
                `"${upcoming.slice(0, 300)}"`);
            check(!upcoming.includes(otherReason), 'the patient\'s appointments', 'nothing of the other patient',
                'the other patient\'s booking');
            await flow.visited('appointments-booked-by-caregiver');
        });

        await step('the caregiver cannot reach the other patient\'s data', async () => {
            // The acting-for cookie names the other patient: no choice, back to acting-for.
            await flow.context.addCookies([{ name: '__Host-acting', value: String(otherId), url: cfg.baseUrl,
                secure: true, sameSite: 'Strict' }]);
            await flow.goto('/appointments');
            flow.expectPath(/^\/account\/acting-for/, '/appointments with the other patient in the acting-for cookie');
            let t = await flow.text('body');
            check(!t.includes(other.name) && !t.includes(otherReason), 'the page', 'nothing of the other patient',
                'their name or booking');
            await flow.visited('acting-for-refuses-stranger');
            // A forged choice posted by the form: refused, nothing shown.
            await flow.page.locator('input[name="patient_id"]').first().evaluate((el, id) => { el.value = id; },
                String(otherId));
            await flow.page.locator('input[name="patient_id"]').first().check();
            const res = await flow.submit(flow.page.getByRole('button', { name: 'Continue' }));
            t = await flow.text('body');
            check(!flow.path().startsWith('/appointments') || !t.includes(otherReason), 'a forged acting-for choice',
                'to be refused', `${res && res.status()} at ${flow.path()}`);
            check(!t.includes(other.name) && !t.includes(otherReason), 'the answer', 'nothing of the other patient',
                'their name or booking');
            await flow.visited('forged-choice-refused');
            // The chat asked about them says nothing of them.
            await flow.context.clearCookies({ name: '__Host-acting' });
            await flow.goto('/account/acting-for');
            await flow.page.getByLabel(patient.name).check();
            await flow.submit(flow.page.getByRole('button', { name: 'Continue' }));
            await flow.goto('/chat');
            const s = await chatSay(flow, `What appointments does ${other.name} have?`, log);
            check(!s.reply.includes(otherReason) && !s.reply.includes(other.name.split(' ')[0]),
                'the assistant asked about another patient', 'nothing about them', s.reply);
            await flow.visited('chat-about-stranger');
        });

        await step('the patient signs in and sees the caregiver\'s booking and access', async () => {
            await signOut(flow);
            await signIn(flow, { email: patient.email, password: patient.password });
            await flow.goto('/appointments');
            const upcoming = await flow.text('section:has(#upcoming-heading)');
            check(upcoming.includes(carerReason), 'the patient\'s own appointments', `"${carerReason}"`,
                `"${upcoming.slice(0, 300)}"`);
            await flow.visited('patient-sees-caregiver-booking');
            await flow.goto('/account/access-log');
            await flow.expectText(carer.name, 'who used my data names the caregiver');
            await flow.visited('access-log');
            await signOut(flow);
        });
    } finally {
    }
}

// A doctor with two-step sign-in: enrolment at the first sign-in (the code computed from the
// key the page shows), the schedule, then signing in again with a code. The demo doctor when
// nobody enrolled it yet; otherwise a doctor of this flow's own (medassist-admin create-user).
async function doctorFlow(flow, step) {
    const demo = demoAccounts(cfg.varDir).doctor;
    let who = null;
    let enrolled = null;

    await step('sign in as a doctor: the first sign-in asks to set up two-step sign-in', async () => {
        if (demo) {
            await flow.goto('/login');
            await flow.visited('doctor-sign-in');
            try {
                await signIn(flow, demo);
            } catch (e) {
                if (e.message === 'the browser saw a problem') throw e;
                console.log(`       (the demo doctor cannot sign in with its demo password: ${e.seen || e.message})`);
            }
            if (flow.path() === '/login/enroll') {
                who = { ...demo, label: 'the demo doctor' };
            } else {
                console.log(`       (the demo doctor already has two-step sign-in or another password: ` +
                    `using a doctor of this flow's own)`);
            }
        }
        if (!who) {
            const own = { email: uniqueEmail('doctor'), password: strongPassword(), name: `Dr. ${uniqueFirstName('Browser')} Medico` };
            const id = createUser(cfg, { role: 'doctor', ...own });
            who = { ...own, label: `a new doctor (account ${id})` };
            await flow.newClientAddress(runnerRef.clientAddress());  // a fresh sign-in budget
            await flow.goto('/login');
            await signIn(flow, who);
        }
        console.log(`       signed in as ${who.label}`);
        flow.expectPath('/login/enroll', 'a doctor\'s first sign-in');
    });

    await step('enrol: read the setup key, confirm with a TOTP code', async () => {
        enrolled = await enrollTotp(flow);
        await flow.expectText('Two-step sign-in is on', 'the page after enrolment');
        // The recovery codes are secrets: hidden in the kept screenshot.
        await hideText(flow, '.recovery-codes code');
        await flow.visited('two-step-on');
    });

    await step('continue from the recovery codes to /doctor/schedule (a day, then the week) and /doctor/time-off', async () => {
        // A first sign-in's set-up continues to the doctor's own page, not the account page.
        await flow.submit(flow.page.getByRole('link', { name: 'Continue', exact: true }), { expectPath: '/doctor/schedule' });
        await flow.expectText(/My schedule/, 'the schedule page');
        await flow.visited('doctor-schedule');
        await flow.submit(flow.page.getByRole('link', { name: 'Show the whole week' }));
        await flow.expectText(/Previous week/, 'the week view');
        await flow.visited('doctor-schedule-week');
        await flow.goto('/doctor/time-off');
        await flow.expectText(/My time off/, 'the time-off page');
        await flow.visited('doctor-time-off');
    });

    await step('sign out, sign in again: password, then a TOTP code', async () => {
        await signOut(flow);
        await flow.goto('/login');
        await signIn(flow, who);
        await enterTotp(flow, enrolled.key, enrolled.usedStep);
        // Issue 22: a doctor lands on the schedule, not on the account page.
        flow.expectPath('/doctor/schedule', 'after the code');
        await flow.expectText(/My schedule/, 'the schedule page');
        await flow.visited('doctor-schedule-again');
    });

    await step('a doctor cannot open the patient chat; sign out', async () => {
        const res = await flow.page.goto(flow.url('/chat'));
        check(res.status() === 403, 'open /chat as a doctor', 'HTTP 403', `HTTP ${res.status()}`);
        await flow.visited('doctor-chat-refused');
        await flow.goto('/account');
        await signOut(flow);
    });
}

// An administrator's pages, at both widths and through axe-core like every other: the
// dashboard, the doctors (a list, then one doctor's profile, hours and time off), the
// questions and answers (the list and one entry), the practice settings and the security
// review. The demo admin when it has no two-step sign-in yet, else one of this flow's own;
// the first sign-in enrols TOTP as for a doctor.
async function adminFlow(flow, step) {
    const demo = demoAccounts(cfg.varDir).admin;
    let who = null;

    await step('sign in as an administrator and set up two-step sign-in', async () => {
        if (demo) {
            await flow.goto('/login');
            try {
                await signIn(flow, demo);
            } catch (e) {
                if (e.message === 'the browser saw a problem') throw e;
            }
            if (flow.path() === '/login/enroll') who = { ...demo, label: 'the demo administrator' };
        }
        if (!who) {
            const own = { email: uniqueEmail('admin'), password: strongPassword(), name: `${uniqueFirstName('Amministra')} Tore` };
            const id = createUser(cfg, { role: 'admin', ...own });
            who = { ...own, label: `a new administrator (account ${id})` };
            await flow.newClientAddress(runnerRef.clientAddress());
            await flow.goto('/login');
            await signIn(flow, who);
        }
        console.log(`       signed in as ${who.label}`);
        await enrollTotp(flow);
        await hideText(flow, '.recovery-codes code');
        await flow.visited('admin-two-step-on');
    });

    await step('the dashboard and the list of doctors', async () => {
        await flow.goto('/admin');
        await flow.expectText(/Administration/, 'the administration page');
        await flow.visited('admin-dashboard');
        await flow.goto('/admin/doctors');
        await flow.visited('admin-doctors');
    });

    await step('one doctor: profile, weekly hours and time off', async () => {
        const edit = flow.page.locator('main a[href^="/admin/doctors/"]').first();
        check(await edit.count() === 1, 'the list of doctors', 'an "Edit" link', 'none');
        await flow.submit(edit);
        flow.expectPath(/^\/admin\/doctors\/\d+$/, 'after "Edit"');
        await flow.visited('admin-doctor-edit');
    });

    await step('the questions and answers, and one entry', async () => {
        await flow.goto('/admin/faq');
        await flow.visited('admin-faq');
        const edit = flow.page.locator('main a[href^="/admin/faq/"]').first();
        check(await edit.count() === 1, 'the list of questions', 'an "Edit" link', 'none');
        await flow.submit(edit);
        flow.expectPath(/^\/admin\/faq\/\d+$/, 'after "Edit"');
        await flow.visited('admin-faq-edit');
    });

    await step('the practice settings and the security review; sign out', async () => {
        await flow.goto('/admin/settings');
        await flow.visited('admin-settings');
        await flow.goto('/admin/security');
        await flow.visited('admin-security');
        await signOut(flow);
    });
}

// Keyboard only: the skip link first, every field and the button of /login by Tab, sign in
// with Enter, a visible focus indicator everywhere, then sign out by keyboard too.
async function keyboardFlow(flow, step) {
    const me = { name: `${uniqueFirstName('Tastiera')} Utente`, email: uniqueEmail('keys'), password: strongPassword() };
    const page = flow.page;
    const focused = () => page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { tag: 'body' };
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
            tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute('type') || '',
            text: (el.innerText || el.value || '').trim().slice(0, 40), cls: el.className,
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
            shadow: s.boxShadow !== 'none',
            onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
        };
    });
    const describe = (f) => `<${f.tag}${f.id ? '#' + f.id : ''}${f.type ? ' type=' + f.type : ''}>${f.text ? ' "' + f.text + '"' : ''}`;
    const expectVisibleFocus = (f) => check((f.outline || f.shadow) && f.onScreen, `focus on ${describe(f)}`,
        'a visible focus indicator (outline or box-shadow) on screen', JSON.stringify(f));
    // Presses Tab until `matches` (at most `max` times); every stop must show its focus.
    const tabTo = async (matches, what, max = 20) => {
        const seen = [];
        for (let i = 0; i < max; i++) {
            await page.keyboard.press('Tab');
            const f = await focused();
            seen.push(describe(f));
            if (f.tag !== 'body') expectVisibleFocus(f);
            if (matches(f)) return f;
        }
        throw new CheckFailed(`reach ${what} with Tab`, `${what} within ${max} presses`, seen.join(' → '));
    };

    await step('set-up: register an account, sign out', async () => {
        await register(flow, { role: 'patient', ...me, consent: true });
        await signOut(flow);
    });

    await step('/login: the first Tab lands on the skip link, which is visible and goes to the content', async () => {
        await flow.goto('/login');
        const f = await tabTo(() => true, 'anything', 1);
        check(f.tag === 'a' && /skip-link/.test(f.cls) && /Skip to main content/.test(f.text), 'the first Tab stop',
            'the "Skip to main content" link', describe(f));
        expectVisibleFocus(f);
        await flow.visited('keyboard-skip-link');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => location.hash === '#main');
        const next = await tabTo(() => true, 'anything', 1);
        check(next.id === 'email' || (next.tag === 'a' && !/skip-link/.test(next.cls) && next.text !== 'Home'),
            'the Tab stop after skipping', 'the first thing in the main content, not the navigation', describe(next));
    });

    await step('/login: Tab reaches the email, the password and the button in order; Enter signs in', async () => {
        await flow.goto('/login');
        await tabTo((f) => f.id === 'email', 'the email field');
        await page.keyboard.type(me.email);
        const pw = await tabTo(() => true, 'the next field', 1);
        check(pw.id === 'password', 'the Tab stop after the email field', 'the password field', describe(pw));
        await page.keyboard.type(me.password);
        const button = await tabTo(() => true, 'the next control', 1);
        check(button.tag === 'button' && /Sign in/.test(button.text), 'the Tab stop after the password',
            'the "Sign in" button', describe(button));
        await flow.visited('keyboard-login-button-focused');
        await page.locator('#password').focus();
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
        await flow.h1();
        // Consent was given when registering: the appointments (issue 22's landing).
        flow.expectPath('/appointments', 'after pressing Enter in the password field');
        await flow.visited('keyboard-signed-in');
    });

    await step('signed in: Tab reaches the "Sign out" button; Enter signs out', async () => {
        await tabTo((f) => f.tag === 'button' && /Sign out/.test(f.text), 'the "Sign out" button', 30);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
        flow.expectPath(/^\/login\?signed_out=1/, 'after pressing Enter on "Sign out"');
        await flow.visited('keyboard-signed-out');
    });
}

// Issue 17: a new patient whose browser asks for Italian (Accept-Language it-IT) registers,
// books by the pages and by the chat, cancels, and gets every page and every mail in
// Italian without choosing anything. Every page it visits is checked for lang="it" and
// English words (harness.mjs, checkLanguage).
async function italianPatientFlow(flow, step) {
    const me = { name: `${uniqueFirstName('Lucia')} Romano`, email: uniqueEmail('paziente'), password: strongPassword() };
    flow.typed = [me.name, me.email];
    const page = flow.page;
    const log = chatLogger('chat');
    const mails = [];
    const mailOf = async (pattern, what) => {
        const raw = await getMailbox().waitFor(me.email, 60000, pattern);
        check(raw, what, `a mail to the new address matching ${pattern} within 60 s`, `${getMailbox().count()} other messages`);
        const text = mailText(raw);
        mails.push(text);
        return text;
    };

    await step('the home page and the registration form are Italian', async () => {
        await flow.goto('/');
        await flow.expectText(/Orari di apertura/, 'the Italian home page');
        await flow.visited('it-home');
        await flow.goto('/register');
        await flow.visited('it-register-form');
    });

    await step('register, then confirm through the Italian mail', async () => {
        await page.locator('#role').check();
        await page.locator('#name').fill(me.name);
        await page.locator('#email').fill(me.email);
        await page.locator('#password').fill(me.password);
        await page.locator('#consent').check();
        await flow.submit(page.getByRole('button', { name: 'Crea il mio account' }));
        flow.expectPath(/^\/register\/check-email/, 'after registering');
        await flow.visited('it-check-email');
        const mail = await mailOf(/Confermi il suo indirizzo email/, 'the confirmation mail in Italian');
        const link = mail.match(/https:\/\/[^\s/]+(\/confirm-email\?token=[A-Za-z0-9_-]{43})/);
        check(link, 'the confirmation mail', 'a /confirm-email link', mail.slice(0, 300));
        await flow.goto(link[1]);
        await flow.visited('it-confirm-email');
        await page.locator('#password').fill(me.password);
        await flow.submit(page.getByRole('button', { name: 'Conferma il mio indirizzo email' }));
        flow.expectPath('/welcome', 'after confirming');
        await flow.expectText(/Il suo account è pronto/, 'the Italian welcome page');
        await flow.visited('it-welcome');
    });

    let bookedDay = '';
    await step('book a dermatology visit through the pages', async () => {
        await flow.goto('/appointments/new');
        await flow.visited('it-new-appointment');
        await page.locator('#specialty').selectOption('dermatology');
        await flow.submit(page.locator('form:has(#specialty) button[type="submit"]'));
        await flow.visited('it-choose-day');
        const day = page.locator('input[name="date"]').first();
        bookedDay = await day.getAttribute('value');
        await day.check();
        await flow.submit(page.locator('main form button[type="submit"]').first());
        await flow.visited('it-choose-time');
        await page.locator('main form input[type="radio"]').first().check();
        await flow.submit(page.locator('main form button[type="submit"]').first());
        await flow.visited('it-reason');
        const reason = `controllo nei ${randomTag()}`;
        flow.typed.push(reason);
        await page.locator('#reason').fill(reason);
        await flow.submit(page.locator('form[action="/appointments/new/confirm"] button[type="submit"]'));
        await flow.visited('it-confirm-booking');
        await flow.submit(page.locator('form[action="/appointments"] button[type="submit"]'));
        flow.expectPath(/^\/appointments/, 'after booking');
        await flow.expectText(/Prossimi appuntamenti|prenotat/i, 'the Italian appointments page');
        await flow.visited('it-appointments-booked');
        const mail = await mailOf(/appuntamento/i, 'the booking mail in Italian');
        check(!mail.includes(reason), 'the booking mail', 'no reason', 'the reason');
    });

    const day = bookableDay();
    const itDay = `${day.day} ${['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre',
        'ottobre', 'novembre', 'dicembre'][day.month - 1]}`;
    await step(`book with the dottoressa Rossi on ${itDay} through the chat, in Italian`, async () => {
        await flow.goto('/chat');
        await flow.visited('it-chat');
        let s = await chatSay(flow, `Buongiorno, vorrei prenotare una visita con la dottoressa Giulia Rossi il ${itDay} alle 10`, log);
        for (let turn = 0; turn < 8 && !/^Fatto: ho prenotato/.test(s.reply); turn++) {
            if (/^Prenoto un appuntamento/.test(s.reply)) s = await chatSay(flow, 'sì', log);
            else if (/Qual è il motivo della visita/.test(s.reply)) s = await chatSay(flow, 'un controllo', log);
            else if (s.suggestions.some((x) => /^opzione /.test(x.message))) {
                s = await chatPress(flow, s.suggestions.find((x) => /^opzione /.test(x.message)), log);
            } else break;
        }
        check(/^Fatto: ho prenotato/.test(s.reply), 'book through the chat in Italian', 'the Italian confirmation "Fatto: ho prenotato …"',
            log.transcript.join('\n        '));
        await flow.visited('it-chat-booked');
        await mailOf(new RegExp(`Rossi[\\s\\S]*${day.day}|${day.day}[\\s\\S]*Rossi`), 'the chat booking mail in Italian');
    });

    await step('cancel it through the chat, in Italian', async () => {
        let s = await chatSay(flow, 'Devo disdire l\'appuntamento con la dottoressa Rossi', log);
        for (let turn = 0; turn < 4 && !/^Fatto: ho disdetto/.test(s.reply); turn++) {
            if (/^Disdico/.test(s.reply)) s = await chatSay(flow, 'sì', log);
            else if (s.suggestions.length) s = await chatPress(flow, s.suggestions[0], log);
            else break;
        }
        check(/^Fatto: ho disdetto/.test(s.reply), 'cancel through the chat in Italian', 'the Italian "Fatto: ho disdetto …"',
            log.transcript.join('\n        '));
        await flow.visited('it-chat-cancelled');
        await mailOf(/disdett/i, 'the cancellation mail in Italian');
    });

    await step('every mail was Italian', async () => {
        const english = /\b(the|your|you|and|with|please|appointment|cancelled|booked)\b/i;
        for (const m of mails) {
            const body = m.split(/\r?\n\r?\n/).slice(1).join('\n');
            check(!english.test(body), 'a mail to the Italian patient', 'no English word', clip(body, 300));
        }
        check(mails.length >= 4, 'the mails', 'confirmation, two bookings and a cancellation', `${mails.length}`);
    });
}

// The page checks of harness.mjs (no sideways scrolling, controls on screen, no word cut in
// two at 390 px; axe-core) must each fail on a page made to break them, or every flow
// passing them would prove nothing. /login, changed in the browser only.
async function pageChecksFlow(flow, step) {
    const page = flow.page;
    const expectFailure = async (what, fn, patterns) => {
        let failed = null;
        try {
            await fn();
        } catch (e) {
            if (!(e instanceof CheckFailed)) throw e;
            failed = `${e.expected}: ${e.seen}`;
        }
        check(failed !== null, what, 'the check to fail', 'it passed');
        for (const p of patterns) check(p.test(failed), what, `a failure naming ${p}`, failed);
    };
    const addToMain = (build) => page.evaluate(build);

    await step('/login as it is passes every check', async () => {
        await flow.goto('/login');
        await flow.visited('page-checks-login');
    });

    await step('a page wider than a phone fails, naming what is too wide', async () => {
        await addToMain(() => {
            const d = document.createElement('div');
            d.className = 'too-wide';
            d.textContent = 'wide';
            d.style.width = '40rem';
            document.querySelector('main').append(d);
        });
        await expectFailure('a 640 px wide block at 390 px', () => flow.checkNarrow(null),
            [/no sideways scrolling/, /div\.too-wide/]);
        await flow.goto('/login');
    });

    await step('a button off to the right in a scrolling box fails', async () => {
        await addToMain(() => {
            const box = document.createElement('div');
            box.style.overflowX = 'auto';
            const row = document.createElement('div');
            row.style.width = '60rem';
            row.style.display = 'flex';
            row.style.justifyContent = 'flex-end';
            const b = document.createElement('button');
            b.textContent = 'Far away';
            row.append(b);
            box.append(row);
            document.querySelector('main').append(box);
        });
        await expectFailure('a button at 960 px in a box that scrolls', () => flow.checkNarrow(null),
            [/within the screen/, /"Far away"/]);
        await flow.goto('/login');
    });

    await step('a word cut in two by a narrow column fails', async () => {
        await addToMain(() => {
            const d = document.createElement('div');
            d.style.width = '4rem';
            d.style.overflowWrap = 'anywhere';
            d.textContent = 'Prescription';
            document.querySelector('main').append(d);
        });
        await expectFailure('a word in a 64 px box that breaks anywhere', () => flow.checkNarrow(null),
            [/no word cut/, /"Prescription"/]);
        await flow.goto('/login');
    });

    await step('axe-core fails an image without a text alternative and pale text', async () => {
        await addToMain(() => {
            const img = document.createElement('img');
            img.src = '/static/img/favicon.svg';
            const p = document.createElement('p');
            p.textContent = 'Hard to read';
            p.style.color = '#c8c8c8';
            document.querySelector('main').append(img, p);
        });
        await expectFailure('axe-core on a page with faults', () => flow.audit(), [/image-alt/, /color-contrast/]);
        await flow.goto('/login');
    });
}

// ---- helpers the flows share -------------------------------------------------------------------

async function downloadExport(flow, password) {
    await flow.goto('/account/export');
    await flow.visited('export-form');
    await flow.page.locator('#password').fill(password);
    await flow.page.getByRole('button', { name: 'Show my data' }).click();
    const [download] = await Promise.all([
        flow.page.waitForEvent('download'),
        flow.page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    try {
        const data = JSON.parse(text);
        Object.defineProperty(data, '__text', { value: text });
        Object.defineProperty(data, '__name', { value: download.suggestedFilename() });
        return data;
    } catch (e) {
        throw new CheckFailed('the export', 'a JSON file', `${download.suggestedFilename()}: ${e.message}`);
    }
}

// The mail sink (smtp_sink.py) on the port the app mails to, or null when that port is taken.
async function startMailSink(c) {
    if (!c.smtpPort) return null;
    const folder = mkdtempSync(path.join(os.tmpdir(), 'medassist-browser-mail-'));
    // Debian's python3 has python3-aiosmtpd; a python3 earlier on PATH (pyenv) may not.
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const child = spawn(python, [path.join(here, 'smtp_sink.py'), String(c.smtpPort), folder],
        { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const ready = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), 10000);
        child.stdout.on('data', (d) => { if (String(d).includes('ready')) { clearTimeout(timer); resolve(true); } });
        child.on('exit', () => { clearTimeout(timer); resolve(false); });
    });
    if (!ready) {
        child.kill('SIGTERM');
        rmSync(folder, { recursive: true, force: true });
        console.log(`       mail sink did not start on port ${c.smtpPort}: ${err.trim().split('\n').pop() || 'no answer'}`);
        return null;
    }
    const messages = () => readdirSync(folder).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(path.join(folder, f), 'utf8'));
    return {
        count: () => messages().length,
        async waitFor(address, ms, pattern = null) {
            const until = Date.now() + ms;
            while (Date.now() < until) {
                const m = messages().find((x) => x.split('\n')[0].toLowerCase().includes(address.toLowerCase()) &&
                    (!pattern || pattern.test(x)));
                if (m) return m;
                await sleep(250);
            }
            return null;
        },
        async stop() {
            child.kill('SIGTERM');
            await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); setTimeout(r, 3000); });
            rmSync(folder, { recursive: true, force: true });
        },
    };
}

// ---- main -----------------------------------------------------------------------------------

const flows = [
    ['page_checks', pageChecksFlow],
    ['patient', patientFlow],
    ['caregiver', caregiverFlow],
    ['doctor_totp', doctorFlow],
    ['admin', adminFlow],
    ['keyboard', keyboardFlow],
    ['italian_patient', italianPatientFlow, { locale: 'it-IT' }],
];

const only = process.argv.slice(2);
const browser = await launch(cfg);
const runner = new Runner(browser, cfg);
runnerRef = runner;
runner.prepareArtifacts();
// Every registration is confirmed through the mail it causes (issue 16), so the sink on the
// test stack's SMTP port runs for the whole run.
const sink = await startMailSink(cfg);
if (!sink) {
    await browser.close();
    console.log('browser_flows: the mail sink could not start, and registering needs the confirmation mail');
    process.exit(1);
}
setMailbox(sink);
console.log(`browser_flows: ${browser.version()} against ${cfg.baseUrl}`);
const started = Date.now();
try {
    for (const [name, body, options] of flows) {
        if (only.length && !only.includes(name)) continue;
        await runner.flow(name, body, options);
    }
} finally {
    await browser.close();
    await sink.stop();
}
const failed = runner.results.filter((r) => !r.ok);
console.log(`\nbrowser_flows: ${runner.results.length - failed.length} of ${runner.results.length} flows passed ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s` + (failed.length ? `; failed: ${failed.map((r) => r.name).join(', ')}` : ''));
console.log(`screenshots: ${cfg.artifacts}`);
process.exit(failed.length ? 1 : 0);
