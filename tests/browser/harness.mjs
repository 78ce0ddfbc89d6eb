// The browser harness the flows share: Debian's Chromium trusting exactly the test stack's
// certificate, one isolated context per flow (its own cookies and its own client address
// for nginx's per-address limits), steps that print one line each, and the checks made on
// every page a flow visits: no CSP violation, no page error, no 5xx, every form control
// labelled, and a full-page screenshot kept as an artifact.
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

// ---- configuration ------------------------------------------------------------------------

export function config() {
    const baseUrl = process.env.MEDASSIST_TEST_BASE_URL;
    if (!baseUrl) return null;
    const varDir = process.env.MEDASSIST_TEST_VAR || '';
    const cert = process.env.MEDASSIST_TEST_CA || path.join(varDir, 'secrets/tls/cert.pem');
    return {
        baseUrl: baseUrl.replace(/\/+$/, ''),
        cert,
        varDir,
        smtpPort: Number(process.env.MEDASSIST_TEST_SMTP_PORT || 0),
        chromium: process.env.MEDASSIST_TEST_CHROMIUM || '/usr/bin/chromium',
        // Under the build directory, not the stack's var/ (scripts/test empties that for its
        // sanitizer pass): ctest names it (CMakeLists.txt), a run by hand gets build/.
        artifacts: process.env.MEDASSIST_TEST_ARTIFACTS || path.join(ROOT, 'build', 'artifacts', 'browser'),
        root: ROOT,
    };
}

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '../..');

// The widths every visited page is checked and photographed at: a desktop and a phone (the
// narrowest phones are 320 px; 390 px is today's common one).
export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 390, height: 844 };
export const NARROWEST = { width: 320, height: 640 };

// base64(sha256(SubjectPublicKeyInfo)) of the certificate: Chromium trusts this key only.
export function spkiHash(certFile) {
    const pub = execFileSync('openssl', ['x509', '-pubkey', '-noout', '-in', certFile]);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pub });
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der });
    return digest.toString('base64');
}

// Demo sign-ins: "role email password" per line, first line a header.
export function demoAccounts(varDir) {
    const out = {};
    let text = '';
    try {
        text = readFileSync(path.join(varDir, 'secrets/demo-accounts.txt'), 'utf8');
    } catch {
        return out;
    }
    for (const line of text.split('\n')) {
        const [role, email, password] = line.trim().split(/\s+/);
        if (!role || role === 'role' || !password) continue;
        out[role] = { email, password };
    }
    return out;
}

// ---- small utilities ----------------------------------------------------------------------

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function uniqueEmail(stem) {
    return `browser-${stem}-${randomBytes(5).toString('hex')}@example.com`;
}

// Strong for zxcvbn (four random words plus digits), never printed.
export function strongPassword() {
    const words = ['copper', 'lantern', 'orbit', 'meadow', 'quartz', 'violet', 'harbor', 'juniper', 'falcon',
        'pepper', 'glacier', 'tundra', 'saffron', 'walnut', 'cobalt', 'ember', 'mosaic', 'thistle'];
    const pick = () => words[randomInt(words.length)];
    return `${pick()}-${pick()}-${pick()}-${pick()}-${randomInt(100, 999)}`;
}

// A first name made of letters only, unlikely to be anyone else's.
export function uniqueFirstName(stem) {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let s = '';
    for (let i = 0; i < 5; i++) s += letters[randomInt(letters.length)];
    return stem + s;
}

// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) from the base32 key the set-up page
// shows (spaces ignored).
export function totp(base32Key, atSeconds = Date.now() / 1000) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const clean = base32Key.replace(/[\s=]/g, '').toUpperCase();
    let bits = 0, value = 0;
    const bytes = [];
    for (const ch of clean) {
        const idx = alphabet.indexOf(ch);
        if (idx < 0) throw new Error('the setup key is not base32');
        value = (value << 5) | idx;
        bits += 5;
        if (bits >= 8) {
            bytes.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(atSeconds / 30)));
    const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
    const offset = mac[mac.length - 1] & 0x0f;
    const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(code).padStart(6, '0');
}

// medassist-admin create-user against the stack's instance (the password on stdin, as
// tests/support/commands.hpp does). Returns the new account's id.
export function createUser(cfg, { role, email, name, password }) {
    const out = execFileSync(path.join(cfg.root, 'build/bin/medassist-admin'),
        ['--config', 'fcgi_app/config/medassist.properties', 'create-user', '--role', role, '--email', email, '--name', name],
        { cwd: cfg.root, env: { ...process.env, MEDASSIST_VAR_DIR: cfg.varDir }, input: password + '\n',
          stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    const m = /account (\d+)/.exec(out);
    if (!m) throw new CheckFailed('medassist-admin create-user', 'an account id', clip(out));
    return Number(m[1]);
}

// ---- failures -----------------------------------------------------------------------------

export class CheckFailed extends Error {
    constructor(what, expected, seen) {
        super(what);
        this.expected = expected;
        this.seen = seen;
    }
}

export function check(condition, what, expected, seen) {
    if (!condition) throw new CheckFailed(what, expected, seen);
}

const clip = (s, n = 300) => {
    const one = String(s ?? '').replace(/\s+/g, ' ').trim();
    return one.length > n ? one.slice(0, n) + '…' : one;
};

// ---- the browser --------------------------------------------------------------------------

export async function launch(cfg) {
    const spki = spkiHash(cfg.cert);
    return chromium.launch({
        executablePath: cfg.chromium,
        headless: true,
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-dev-shm-usage',
            `--ignore-certificate-errors-spki-list=${spki}`,
        ],
    });
}

// Called in every document before its own code: CSP violations the page reports go to the
// harness at once (a navigation would otherwise lose them) and into window.__cspViolations.
const cspInitScript = `
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
        const v = { directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
                    line: e.lineNumber, sample: e.sample, page: location.href };
        window.__cspViolations.push(v);
        try { window.__medassistReportCsp(JSON.stringify(v)); } catch (_) {}
    });
`;

// One flow: a fresh context (no cookies), steps, problems, screenshots.
export class Flow {
    constructor(browser, cfg, name, clientAddress, options = {}) {
        this.browser = browser;
        // The browser's language (issue 17): Chromium sends it as Accept-Language, and a flow
        // in Italian checks every page it visits is Italian (checkLanguage).
        this.locale = options.locale || 'en-GB';
        this.cfg = cfg;
        this.name = name;
        this.clientAddress = clientAddress;
        this.problems = [];     // CSP violations, page errors, 5xx: each fails the flow
        this.notes = [];        // other console errors: reported, not fatal
        this.shots = [];
        this.shotIndex = 0;
        this.currentStep = '';
        this.labelProblems = new Set();
        this.audited = new Set();   // paths axe-core has checked in this flow
        this.spent = { screenshots: 0, layout: 0, axe: 0 };  // ms, printed at the flow's end
        this.checkedUrl = null;     // the last page visited() checked
    }

    url(p) { return this.cfg.baseUrl + p; }

    // Another client address from now on (a fresh budget for nginx's per-address limits).
    async newClientAddress(address) {
        this.clientAddress = address;
        await this.context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    }

    async open() {
        this.context = await this.browser.newContext({
            baseURL: this.cfg.baseUrl,
            acceptDownloads: true,
            viewport: WIDE,
            locale: this.locale,
            // nginx trusts X-Forwarded-For from 127.0.0.1: each flow is its own client for the
            // per-address sign-in and registration limits, as separate people would be.
            extraHTTPHeaders: { 'X-Forwarded-For': this.clientAddress },
        });
        this.context.setDefaultTimeout(15000);
        this.context.setDefaultNavigationTimeout(20000);
        await this.context.exposeBinding('__medassistReportCsp', (_source, json) => {
            let v = {};
            try { v = JSON.parse(json); } catch { /* keep empty */ }
            this.problems.push(`CSP violation on ${v.page}: ${v.directive} blocked ${v.blocked || '(inline)'}` +
                (v.source ? ` from ${v.source}:${v.line}` : '') + (v.sample ? ` sample ${clip(v.sample, 80)}` : ''));
        });
        await this.context.addInitScript(cspInitScript);
        this.context.on('page', (p) => this.watch(p));
        this.page = await this.context.newPage();
        return this.page;
    }

    watch(page) {
        page.on('console', (msg) => {
            const text = msg.text();
            if (/Content[- ]Security[- ]Policy/i.test(text)) {
                this.problems.push(`console reports a CSP violation on ${page.url()}: ${clip(text, 400)}`);
            } else if (msg.type() === 'error' && !/^Failed to load resource/.test(text)) {
                this.notes.push(`console error on ${page.url()}: ${clip(text, 300)}`);
            }
        });
        page.on('pageerror', (err) => this.problems.push(`page error on ${page.url()}: ${clip(err.message, 300)}`));
        page.on('response', async (res) => {
            const req = res.request();
            if (res.status() === 403 && req.method() === 'POST' && req.isNavigationRequest()) {
                // The site's own form refused: Chromium sends "Origin: null" with Sec-Fetch-Site:
                // same-origin under Referrer-Policy no-referrer, which the gate once refused.
                const origin = await req.headerValue('origin').catch(() => null);
                this.problems.push(`HTTP 403 from the site's own form POST ${res.url()} (Origin: ${origin})`);
            }
            if (res.status() >= 400 && res.status() < 500 && req.resourceType() !== 'document') {
                this.notes.push(`HTTP ${res.status()} for ${req.resourceType()} ${res.url()} on ${page.url()}`);
            }
            if (res.status() >= 500) this.problems.push(`HTTP ${res.status()} from ${res.request().method()} ${res.url()}`);
        });
    }

    async close() {
        if (this.context) await this.context.close().catch(() => {});
    }

    // Navigates and requires a status (the final response, after redirects).
    async goto(p, { status = 200 } = {}) {
        const res = await this.page.goto(this.url(p), { waitUntil: 'load' });
        check(res, `open ${p}`, 'a response', 'none');
        if (status !== null) {
            check(res.status() === status, `open ${p}`, `HTTP ${status}`, `HTTP ${res.status()} at ${this.page.url()}`);
        }
        return res;
    }

    path() {
        const u = new URL(this.page.url());
        return u.pathname + u.search;
    }

    // Clicks something that submits a form or follows a link and waits for the next page.
    async submit(locator, { expectPath = null } = {}) {
        const before = this.page.url();
        const [res] = await Promise.all([
            this.page.waitForNavigation({ waitUntil: 'load' }),
            locator.click(),
        ]);
        if (expectPath) this.expectPath(expectPath, `after submitting on ${before}`);
        return res;
    }

    expectPath(expected, what = 'page') {
        const p = this.path();
        const ok = expected instanceof RegExp ? expected.test(p) : p === expected || p.split('?')[0] === expected;
        check(ok, what, `to be at ${expected}`, `at ${p} ("${this.heading()}")`);
    }

    heading() { return this._lastHeading || ''; }

    async h1() {
        const h = await this.page.locator('h1').first().textContent().catch(() => '');
        this._lastHeading = clip(h, 80);
        return this._lastHeading;
    }

    async text(selector = 'main, body') {
        return (await this.page.locator(selector).first().innerText()).replace(/\s+/g, ' ');
    }

    async expectText(needle, what, selector = 'body') {
        const t = await this.text(selector);
        const ok = needle instanceof RegExp ? needle.test(t) : t.includes(needle);
        check(ok, what, `the page to show ${needle instanceof RegExp ? needle : JSON.stringify(needle)}`,
            `"${clip(t, 400)}"`);
        return t;
    }

    // The checks made on every page: CSP violations seen by the document (also reported
    // through the binding; this catches any the binding missed), labels, the language, a
    // screenshot at 1280 px, then at 390 px a screenshot, no sideways scrolling and every
    // control of the main content on screen, and (once per path and flow) axe-core.
    async visited(label) {
        await this.h1();
        const violations = await this.page.evaluate(() => window.__cspViolations || []).catch(() => []);
        for (const v of violations) {
            const line = `CSP violation on ${v.page}: ${v.directive} blocked ${v.blocked || '(inline)'}`;
            if (!this.problems.some((p) => p.startsWith(line))) this.problems.push(line);
        }
        await this.checkLabels();
        await this.checkLanguage();
        // No template source on the page (issue 22: a comment's stray "}}" showed on /chat).
        // The admin FAQ pages document the answers' placeholders ({{hours}}), which are text.
        const shown = (await this.text('body').catch(() => '')).replace(/\{\{\s*[a-z.]+\s*\}\}/gi, '');
        const leak = shown.search(/\{\{|\}\}/);
        check(leak < 0, `${label}: the page shows no template source`, 'no "{{" or "}}" in its text',
            `"${clip(shown.slice(Math.max(0, leak - 60), leak + 20), 100)}"`);
        const stem = path.join(this.cfg.artifacts,
            `${this.name}-${String(++this.shotIndex).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}`);
        await this.timed('screenshots', () => this.page.screenshot({ path: `${stem}-${WIDE.width}.jpg`, fullPage: true, quality: 80 }));
        this.shots.push(`${stem}-${WIDE.width}.jpg`);
        this.checkedUrl = this.page.url();
        const audit = this.toAudit();
        // The desktop width gets the one rule whose answer depends on the width (a table too
        // wide for its box scrolls, and must then be reachable by keyboard); the phone's
        // width gets them all (checkNarrow): the colours, names and structure are the same.
        if (audit) await this.timed('axe', () => this.audit(`at ${WIDE.width} px`, ['scrollable-region-focusable']));
        await this.checkNarrow(`${stem}-${NARROW.width}.jpg`, audit);
        this.failOnProblems();
    }

    // At the phone's width: the screenshot, then the layout checks (layoutAt) and, when
    // asked, axe-core; then the layout checks again at 320 px, the narrowest phones. Back to
    // the desktop width afterwards, whatever happens, so the flow goes on as it was.
    async checkNarrow(file, audit = false) {
        const page = this.page;
        await page.setViewportSize(NARROW);
        try {
            if (file) {
                await this.timed('screenshots', () => page.screenshot({ path: file, fullPage: true, quality: 80 }));
                this.shots.push(file);
            }
            await this.timed('layout', () => this.layoutAt(NARROW));
            if (audit) await this.timed('axe', () => this.audit(`at ${NARROW.width} px`));
            // The dark colour scheme has colours of its own (site.css): their contrast, once
            // per path in the whole run.
            const where = new URL(page.url()).pathname;
            if (audit && !darkAudited.has(where)) {
                darkAudited.add(where);
                await this.timed('axe', async () => {
                    // The buttons' colour transitions (site.css) finished at once: axe would
                    // otherwise see them on their way from the light colours.
                    const settle = () => page.evaluate(() => { for (const a of document.getAnimations()) a.finish(); });
                    await page.emulateMedia({ colorScheme: 'dark' });
                    try {
                        await settle();
                        await this.audit(`at ${NARROW.width} px in the dark colour scheme`, ['color-contrast']);
                    } finally {
                        await page.emulateMedia({ colorScheme: 'light' });
                        await settle();
                    }
                });
            }
            await this.timed('layout', async () => {
                await page.setViewportSize(NARROWEST);
                await this.layoutAt(NARROWEST);
            });
        } finally {
            await page.setViewportSize(WIDE);
        }
    }

    // The page must not scroll sideways, every link, button and field of the main content
    // must lie within the screen's width (one off to the right inside a scrolling table is
    // as good as missing), and no word may be cut in two to squeeze a column.
    async layoutAt(size) {
        const found = await this.page.evaluate(measureLayout);
        const where = `${this.path()} at ${size.width} px`;
        check(found.sw <= found.vw, where, 'no sideways scrolling',
            `the page is ${found.sw} px wide in a ${found.vw} px viewport; too wide: ${found.wide.join(', ') || '?'}`);
        check(found.off.length === 0, where, 'every link, button and field of the main content within the screen\'s width',
            `outside it: ${found.off.join(', ')}`);
        check(found.split.length === 0, where, 'no word cut in two across lines', `cut: ${found.split.join(', ')}`);
    }

    async timed(what, fn) {
        const t0 = Date.now();
        try {
            return await fn();
        } finally {
            this.spent[what] += Date.now() - t0;
        }
    }

    // axe-core runs once per path in a flow (at both widths): true the first time a path is
    // seen, which marks it seen.
    toAudit() {
        const where = new URL(this.page.url()).pathname;
        if (this.audited.has(where)) return false;
        this.audited.add(where);
        return true;
    }

    // axe-core's WCAG 2.0/2.1 A and AA rules: any violation fails, with its rule, what it
    // asks for and the elements at fault. Given to the page through the DevTools protocol
    // (page.evaluate): the site's CSP (default-src 'none') rightly refuses the <script> tag
    // page.addScriptTag would add.
    async audit(width = '', rules = null) {
        const where = new URL(this.page.url()).pathname;
        if (!await this.page.evaluate(() => typeof window.axe === 'object')) await this.page.evaluate(axeSource());
        const result = await this.page.evaluate(async (only) => {
            const r = await window.axe.run(document, {
                runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map((n) => ({
                    target: n.target.join(' '),
                    summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim().slice(0, 240),
                })),
                more: Math.max(0, v.nodes.length - 4),
            }));
        }, rules);
        if (result.length) {
            const lines = result.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
                v.nodes.map((n) => `          at ${n.target}: ${n.summary}`).join('\n') +
                (v.more ? `\n          and ${v.more} more` : ''));
            throw new CheckFailed(`axe-core on ${where} ${width}`.trim(), 'no WCAG 2.1 A or AA violation', lines.join('\n        '));
        }
    }

    failOnProblems() {
        if (this.problems.length) {
            const list = this.problems.splice(0);
            throw new CheckFailed('the browser saw a problem', 'no CSP violation, page error, 5xx or refused own-form post', list.join('\n        '));
        }
    }

    // The page's language is the browser's: lang="it" and no English words in a flow whose
    // browser asks for Italian, lang="en" and no Italian words in the others (the switcher's
    // links and what the flow itself typed aside). Each list holds words that are not also
    // words of the other language ("a", "in", "come", "per" are both).
    async checkLanguage() {
        const italian = this.locale.startsWith('it');
        const lang = await this.page.evaluate(() => document.documentElement.lang);
        check(lang === (italian ? 'it' : 'en'), `the language of ${this.path()}`, `<html lang="${italian ? 'it' : 'en'}">`,
            `lang="${lang}"`);
        // Parts marked as another language (lang="…": the switcher's links, the Italian
        // version of an FAQ entry on an English page) are not the page's text.
        const text = await this.page.evaluate((pageLang) => {
            const clone = document.body.cloneNode(true);
            for (const el of clone.querySelectorAll(`.site-lang, [lang]:not([lang="${pageLang}"]), script, style`)) el.remove();
            return clone.innerText || clone.textContent || '';
        }, lang);
        // And the reverse: an English page shows no Italian words (names and addresses are data;
        // these words are neither).
        const english = italian
            ? /\b(the|your|you|and|with|please|this|that|are|have|has|will|can|our|we|to|of|on|at|from|here|what|when|which|who|my|sign|book|appointments?|doctor|reason|cancel|back|next|choose|yes|no longer)\b/gi
            : /(?<![\p{L}'])(il|della|delle|sono|suo|sua|suoi|appuntamento|appuntamenti|prenota|prenotare|disdici|disdire|grazie|questo|questa|lei|gli|nessun|orari)(?![\p{L}'])/giu;
        const allowed = new Set((this.typed || []).flatMap((t) => t.toLowerCase().split(/\W+/)));
        const found = [...new Set((text.match(english) || []).map((w) => w.toLowerCase()))].filter((w) => !allowed.has(w));
        check(found.length === 0, `the ${italian ? 'Italian' : 'English'} text of ${this.path()}`,
            `no ${italian ? 'English' : 'Italian'} word`, found.join(', ') +
            ` in "${clip(text.replace(/\s+/g, ' '), 500)}"`);
    }

    // Every visible input, select and textarea (not hidden, not a button) has an accessible
    // name from <label for>, a wrapping label, aria-label or aria-labelledby.
    async checkLabels() {
        const unlabelled = await this.page.evaluate(() => {
            const out = [];
            for (const el of document.querySelectorAll('input, select, textarea')) {
                const type = (el.getAttribute('type') || '').toLowerCase();
                if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
                const style = getComputedStyle(el);
                if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
                const byFor = el.id && [...document.querySelectorAll('label[for]')].some(
                    (l) => l.htmlFor === el.id && l.textContent.trim() !== '');
                const wrapped = el.closest('label') && el.closest('label').textContent.trim() !== '';
                const aria = (el.getAttribute('aria-label') || '').trim() !== '';
                const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
                    .some((id) => (document.getElementById(id)?.textContent || '').trim() !== '');
                if (!(byFor || wrapped || aria || labelledBy)) {
                    out.push(`<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}${el.name ? ' name=' + el.name : ''}>`);
                }
            }
            return out;
        });
        if (unlabelled.length) {
            throw new CheckFailed(`form controls without a label on ${this.path()}`, 'every control labelled',
                unlabelled.join(', '));
        }
    }
}

// ---- running and reporting ------------------------------------------------------------------

export class Runner {
    constructor(browser, cfg) {
        this.browser = browser;
        this.cfg = cfg;
        this.results = [];
        this.usedAddresses = new Set();
    }

    clientAddress() {
        for (;;) {
            const a = `127.0.${randomInt(1, 255)}.${randomInt(2, 255)}`;
            if (!this.usedAddresses.has(a)) {
                this.usedAddresses.add(a);
                return a;
            }
        }
    }

    async flow(name, body, options = {}) {
        const started = Date.now();
        const flow = new Flow(this.browser, this.cfg, name, this.clientAddress(), options);
        console.log(`\n== ${name}`);
        let ok = true;
        const step = async (title, fn) => {
            flow.currentStep = title;
            const t0 = Date.now();
            try {
                const r = await fn();
                // A page the step reached but did not check itself (after a sign-in, a form
                // post) gets the same checks, so no visited page escapes them.
                const at = flow.page ? flow.page.url() : '';
                if (at.startsWith(this.cfg.baseUrl) && at !== flow.checkedUrl) {
                    await flow.h1();
                    await flow.visited(`end-of-step-${title.slice(0, 40)}`);
                }
                flow.failOnProblems();
                console.log(`  ok   ${title} (${Date.now() - t0} ms)`);
                return r;
            } catch (err) {
                ok = false;
                let where = '';
                try { where = flow.page ? flow.page.url() : ''; } catch { /* closed */ }
                console.log(`  FAIL ${title} (${Date.now() - t0} ms)`);
                console.log(`       at:       ${where || '(no page)'}`);
                if (err instanceof CheckFailed) {
                    console.log(`       check:    ${err.message}`);
                    console.log(`       expected: ${err.expected}`);
                    console.log(`       seen:     ${err.seen}`);
                } else {
                    console.log(`       error:    ${clip(err && err.message, 600)}`);
                }
                if (flow.page) {
                    const file = path.join(this.cfg.artifacts, `${name}-FAILED.png`);
                    await flow.page.screenshot({ path: file, fullPage: true, quality: 80 }).then(
                        () => { flow.shots.push(file); console.log(`       screenshot: ${file}`); }, () => {});
                }
                throw new StopFlow();
            }
        };
        try {
            await flow.open();
            await body(flow, step);
        } catch (err) {
            ok = false;
            if (!(err instanceof StopFlow)) console.log(`  FAIL (outside a step) ${clip(err && err.stack, 800)}`);
        } finally {
            await flow.close();
        }
        for (const n of flow.notes) console.log(`  note ${n}`);
        const sec = (ms) => (ms / 1000).toFixed(1);
        console.log(`  (page checks: screenshots ${sec(flow.spent.screenshots)} s, layout at 390 and 320 px ` +
            `${sec(flow.spent.layout)} s, axe-core ${sec(flow.spent.axe)} s on ${flow.audited.size} paths)`);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`== ${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s, ${flow.shots.length} screenshots`);
        this.results.push({ name, ok, seconds });
        return ok;
    }

    prepareArtifacts() {
        rmSync(this.cfg.artifacts, { recursive: true, force: true });
        mkdirSync(this.cfg.artifacts, { recursive: true });
    }
}

// Runs in the page (layoutAt): its width, what sticks out, controls off screen, words cut.
function measureLayout() {
    const vw = document.documentElement.clientWidth;
    const describe = (el) => {
        let d = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            [...el.classList].map((c) => '.' + c).join('');
        const text = (el.innerText || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
        const r = el.getBoundingClientRect();
        return `${d}${text ? ` "${text}"` : ''} (${Math.round(r.left)}..${Math.round(r.right)} px)`;
    };
    const shown = (el) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        // Visually hidden text (1 px, clipped) is for screen readers, not the eye.
        return el.getClientRects().length > 0 && s.visibility !== 'hidden' && !(r.width <= 1 && r.height <= 1);
    };
    const out = { vw, sw: document.documentElement.scrollWidth, wide: [], off: [] };
    if (out.sw > vw) {
        // The outermost elements that stick out: their parent still fits.
        for (const el of document.body.querySelectorAll('*')) {
            if (!shown(el) || el.getBoundingClientRect().right <= vw + 0.5) continue;
            const parent = el.parentElement;
            if (parent && parent !== document.body && parent.getBoundingClientRect().right > vw + 0.5) continue;
            out.wide.push(describe(el));
            if (out.wide.length >= 5) break;
        }
        // No box sticks out: then a text overflows its box (a word too long to wrap).
        if (!out.wide.length) {
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const r = document.createRange();
            for (let n = texts.nextNode(); n && out.wide.length < 5; n = texts.nextNode()) {
                if (!n.data.trim() || !n.parentElement || !shown(n.parentElement)) continue;
                r.selectNodeContents(n);
                const box = r.getBoundingClientRect();
                if (box.right > vw + 0.5) out.wide.push(`text "${n.data.trim().slice(0, 40)}" in ${describe(n.parentElement)}`);
            }
        }
    }
    const controls = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
    for (const el of document.querySelectorAll(`main :is(${controls})`)) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > vw + 0.5 || r.left < -0.5) out.off.push(describe(el));
        if (out.off.length >= 5) break;
    }
    // Words split across two lines: a run of letters has no break opportunity of
    // its own (no CSS hyphenation here), so one drawn on two lines was cut mid-word
    // to squeeze a column. Addresses, links and codes (a reference, a key: letters mixed
    // with digits) may break anywhere.
    const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    out.split = [];
    for (let node = walker.nextNode(); node && out.split.length < 5; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !shown(parent)) continue;
        for (const m of node.data.matchAll(/\S+/g)) {
            if (/[@\/\d]/.test(m[0])) continue;
            for (const w of m[0].matchAll(/\p{L}{2,}/gu)) {
                const start = m.index + w.index;
                range.setStart(node, start);
                range.setEnd(node, start + w[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) out.split.push(`"${w[0]}" in ${describe(parent)}`);
            }
        }
    }
    return out;
}

class StopFlow extends Error {}

// Paths whose dark colour scheme axe-core checked in this run (checkNarrow).
const darkAudited = new Set();

let axeText = null;
function axeSource() {
    if (axeText === null) axeText = readFileSync(path.join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
    return axeText;
}
