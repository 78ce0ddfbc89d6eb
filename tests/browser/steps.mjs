// What a person does on MedAssist's pages, as the flows use it: registering, signing in and
// out, consenting, the chat's forms and quick replies, two-step sign-in. Each function
// leaves the browser on the resulting page and checks it (flow.visited) with a label for
// its screenshot.
import { check, CheckFailed, totp, sleep } from './harness.mjs';

const clip = (s, n = 300) => {
    const one = String(s ?? '').replace(/\s+/g, ' ').trim();
    return one.length > n ? one.slice(0, n) + '…' : one;
};

// The error summary's text, or '' when the page has none (never waits for one).
export async function summary(flow) {
    const s = flow.page.locator('.error-summary');
    return (await s.count()) ? clip(await s.first().innerText()) : '';
}

// The mail sink every registration's confirmation goes to (flows.mjs starts it once).
let mailbox = null;
export function setMailbox(m) { mailbox = m; }
export function getMailbox() { return mailbox; }

// A mail as a person reads it: quoted-printable soft breaks and escapes undone.
export function mailText(raw) {
    return String(raw).replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

// Registers on /register, then, as the owner of the address would, opens the link in the
// confirmation mail (from the test SMTP server) and enters the password (issue 16: an
// account is unconfirmed, and cannot be used, until then). Ends on /account (a patient or
// caregiver, signed in) or /register/pending (a doctor).
export async function register(flow, { role = 'patient', name, email, password, consent = false }) {
    await flow.goto('/register');
    await flow.visited('register-form');
    const page = flow.page;
    await page.locator(role === 'patient' ? '#role' : `#role-${role}`).check();
    await page.locator('#name').fill(name);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    if (consent) await page.locator('#consent').check();
    await flow.submit(page.getByRole('button', { name: 'Create my account' }));
    await flow.h1();
    flow.failOnProblems();
    if (!flow.path().startsWith('/register/check-email')) {
        const errors = await summary(flow);
        throw new CheckFailed(`register a ${role}`, 'the "Check your email" page', `${flow.path()}: ${clip(errors)}`);
    }
    await flow.visited(`registered-${role}-check-email`);
    check(mailbox, 'confirm the address', 'a mail sink on the test SMTP port', 'none started');
    const raw = await mailbox.waitFor(email, 20000, /Confirm your email address/);
    check(raw, 'the confirmation mail', `a message to ${email} within 20 s`, `${mailbox.count()} other messages`);
    const link = mailText(raw).match(/https:\/\/[^\s/]+(\/confirm-email\?token=[A-Za-z0-9_-]{43})/);
    check(link, 'the confirmation mail', 'a /confirm-email link', clip(mailText(raw)));
    await flow.goto(link[1]);
    await flow.visited(`confirm-email-${role}`);
    await page.locator('#password').fill(password);
    await flow.submit(page.getByRole('button', { name: 'Confirm my email address' }));
    await flow.h1();
    flow.failOnProblems();
    // Issue 22: a new patient or caregiver starts on the welcome page and its next steps.
    const expected = role === 'doctor' ? '/register/pending' : '/welcome';
    if (!flow.path().startsWith(expected)) {
        const errors = await summary(flow);
        throw new CheckFailed(`confirm the address of a new ${role}`, expected, `${flow.path()}: ${clip(errors)}`);
    }
    await flow.visited(`registered-${role}`);
}

export async function signIn(flow, { email, password, next = null }) {
    if (!flow.path().startsWith('/login') || flow.page.url().includes('/login/')) {
        await flow.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    }
    const page = flow.page;
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await flow.submit(page.locator('main form[action="/login"] button[type="submit"], form[action="/login"] button[type="submit"]').first());
    await flow.h1();
    flow.failOnProblems();
    if (flow.path() === '/login' || flow.path().startsWith('/login?')) {
        const errors = await summary(flow);
        throw new CheckFailed('sign in', 'to be signed in', `still on ${flow.path()}: ${clip(errors)}`);
    }
}

export async function signOut(flow) {
    const button = flow.page.locator('form.site-nav__signout button[type="submit"]');
    check(await button.count() === 1, 'find the sign-out button', 'one "Sign out" button in the navigation',
        `${await button.count()} buttons`);
    await flow.submit(button);
    flow.expectPath(/^\/login\?signed_out=1/, 'after signing out');
    await flow.expectText(/signed out/i, 'the sign-in page confirms signing out');
    await flow.visited('signed-out');
}

// A page that needs a session now sends the browser to the sign-in form.
export async function expectSignInRequired(flow, protectedPath) {
    await flow.goto(protectedPath);
    flow.expectPath(/^\/login(\?|$)/, `open ${protectedPath} without a session`);
    await flow.visited('protected-page-asks-to-sign-in');
}

export async function giveConsent(flow) {
    await flow.goto('/account/consent');
    await flow.visited('consent-form');
    const agree = flow.page.locator('#agree');
    check(await agree.count() === 1, 'the consent form', 'an "I agree" checkbox', 'none (already agreed?)');
    await agree.check();
    await flow.submit(flow.page.getByRole('button', { name: 'Save my agreement' }));
    flow.expectPath(/^\/account\/consent\?saved=agreed/, 'after agreeing');
    await flow.expectText(/You agreed to this text/, 'the consent page shows the agreement');
    await flow.visited('consent-given');
}

// ---- the chat -------------------------------------------------------------------------------

export async function chatState(flow) {
    const page = flow.page;
    // The newest reply's text (its last paragraph; the first says who and when).
    const paragraphs = page.locator('#latest-reply p');
    const n = await paragraphs.count();
    const reply = n ? clip(await paragraphs.nth(n - 1).innerText(), 2000) : '';
    const buttons = page.locator('form[action="/chat"]:has(button[name="message"]) button[name="message"]');
    const suggestions = [];
    for (let i = 0; i < await buttons.count(); i++) {
        const b = buttons.nth(i);
        suggestions.push({ label: clip(await b.innerText()), message: await b.getAttribute('value'), button: b });
    }
    return { reply, suggestions };
}

// Types a message in the box and sends it (a plain form post, 303 back to /chat).
export async function chatSay(flow, message, log) {
    const page = flow.page;
    await page.locator('#message').fill(message);
    // The form's first button sends ("Send", "Invia"); "New conversation" is a form of its own.
    await flow.submit(page.locator('form:has(#message) button[type="submit"]').first());
    flow.expectPath(/^\/chat/, `after sending "${message}"`);
    const state = await chatState(flow);
    log(`you: ${message}`, state);
    return state;
}

export async function chatPress(flow, suggestion, log) {
    await flow.submit(suggestion.button);
    flow.expectPath(/^\/chat/, `after pressing "${suggestion.label}"`);
    const state = await chatState(flow);
    log(`pressed: ${suggestion.label}`, state);
    return state;
}

export function chatLogger(prefix) {
    const transcript = [];
    const log = (what, state) => {
        transcript.push(`> ${what}`, `< ${state.reply}` +
            (state.suggestions.length ? ` [${state.suggestions.map((s) => s.label).join(' | ')}]` : ''));
        console.log(`       ${prefix} ${what}  →  ${clip(state.reply, 140)}`);
    };
    log.transcript = transcript;
    return log;
}

// Books through the conversation: the first message says doctor, day and time; then it
// answers whatever is asked, preferring the quick-reply buttons. Returns the "Done" reply.
export async function bookThroughChat(flow, { doctor, dayText, time, reason, log }) {
    let s = await chatSay(flow, `I would like to book an appointment with ${doctor} on ${dayText} at ${time}`, log);
    for (let turn = 0; turn < 8; turn++) {
        if (/Done: I've booked/.test(s.reply)) return s.reply;
        if (/Shall I book/.test(s.reply)) {
            const yes = s.suggestions.find((x) => x.message === 'yes');
            s = yes ? await chatPress(flow, yes, log) : await chatSay(flow, 'yes', log);
        } else if (/What is the visit for\?/.test(s.reply)) {
            s = await chatSay(flow, reason, log);
        } else if (s.suggestions.some((x) => /^option /.test(x.message))) {
            s = await chatPress(flow, s.suggestions.find((x) => /^option /.test(x.message)), log);
        } else if (/Would you like (it|that)|Is that OK|Shall I hold/i.test(s.reply)) {
            s = await chatSay(flow, 'yes', log);
        } else {
            break;
        }
    }
    throw new CheckFailed('book through the chat', 'the assistant to confirm "Done: I\'ve booked …"',
        `the conversation went:\n        ${log.transcript.join('\n        ')}`);
}

export async function cancelThroughChat(flow, { doctor, log }) {
    let s = await chatSay(flow, `Cancel my appointment with ${doctor}`, log);
    for (let turn = 0; turn < 4; turn++) {
        if (/Done: I've cancelled/.test(s.reply)) return s.reply;
        if (/Shall I cancel/.test(s.reply)) {
            const yes = s.suggestions.find((x) => x.message === 'yes');
            s = yes ? await chatPress(flow, yes, log) : await chatSay(flow, 'yes', log);
        } else if (s.suggestions.length && /Which/.test(s.reply)) {
            s = await chatPress(flow, s.suggestions[0], log);
        } else {
            break;
        }
    }
    throw new CheckFailed('cancel through the chat', 'the assistant to confirm "Done: I\'ve cancelled …"',
        `the conversation went:\n        ${log.transcript.join('\n        ')}`);
}

// Replaces secrets shown on the page (a setup key, recovery codes) before a screenshot. Not
// a <style>: the site's CSP (rightly) refuses inline styles.
export async function hideText(flow, selector) {
    await flow.page.locator(selector).evaluateAll((els) => {
        for (const el of els) {
            // A drawing (the QR code) loses its shapes, not its <title>: the page stays as
            // accessible as it was for the checks that follow (axe-core's svg-img-alt).
            if (el instanceof SVGElement) for (const shape of el.querySelectorAll('path')) shape.removeAttribute('d');
            else el.textContent = '(hidden in this screenshot)';
        }
    });
}

// ---- two-step sign-in -----------------------------------------------------------------------

// Waits, if needed, so that the code for `step` is still valid for a few seconds.
export async function awayFromStepEdge() {
    const into = (Date.now() / 1000) % 30;
    if (into > 26) await sleep((30 - into + 0.5) * 1000);
}

// On /login/enroll: reads the setup key (never printed), sends this step's code. Returns the
// key and the time step its code was used for.
export async function enrollTotp(flow) {
    flow.expectPath('/login/enroll', 'a first sign-in without two-step sign-in');
    await flow.expectText(/Set up two-step sign-in/, 'the enrolment page');
    const key = (await flow.page.locator('.setup-key code').innerText()).replace(/\s+/g, '');
    check(/^[A-Z2-7]{16,}$/.test(key), 'the setup key', 'a base32 key of 16 or more characters',
        `${key.length} characters`);
    check(await flow.page.locator('.setup-qr svg[role="img"] path').count() === 1, 'the QR code',
        'a QR code drawn on the page (inline SVG)', 'none');
    // The key is on the page, also as the QR code: hidden before the screenshot is kept as an artifact.
    await hideText(flow, '.setup-key code, .setup-uri code, .setup-qr svg');
    await flow.visited('enroll-two-step');
    await awayFromStepEdge();
    const usedStep = Math.floor(Date.now() / 1000 / 30);
    await flow.page.locator('#code').fill(totp(key, usedStep * 30));
    await flow.submit(flow.page.getByRole('button', { name: 'Turn on two-step sign-in' }));
    await flow.h1();
    const errors = await summary(flow);
    check(!errors, 'confirm the enrolment with a TOTP code', 'the code to be accepted', clip(errors));
    return { key, usedStep };
}

// On /login/mfa: a code for a time step after `afterStep` (a step's code works once).
export async function enterTotp(flow, key, afterStep) {
    flow.expectPath(/^\/login\/mfa/, 'after the password of an account with two-step sign-in');
    await flow.visited('sign-in-code');
    let stepNow = Math.floor(Date.now() / 1000 / 30);
    if ((Date.now() / 1000) % 30 > 27) stepNow += 1;  // about to change: the next one is accepted too
    const step = Math.max(stepNow, afterStep + 1);
    if (step > stepNow + 1) await sleep((step - 1) * 30 * 1000 - Date.now() + 1000);
    await flow.page.locator('#code').fill(totp(key, step * 30));
    await flow.submit(flow.page.getByRole('button', { name: 'Continue' }));
    await flow.h1();
    const errors = await summary(flow);
    check(!errors && !flow.path().startsWith('/login'), 'sign in with a TOTP code', 'the code to be accepted',
        `${flow.path()}: ${clip(errors)}`);
    return step;
}
