import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeExit, RestartPolicy, StderrReader } from '../../src/serverHealth';

describe('StderrReader', () => {
  it('keeps each tracing line at its own level, without its timestamp', () => {
    const reader = new StderrReader();
    // Lines as the server writes them (tracing-subscriber's default format).
    assert.deepEqual(reader.read('2026-12-06T16:05:52.123456Z  INFO tower_lsp_server::service::pending: successfully cancelled request with ID: 7'), {
      level: 'info',
      text: 'tower_lsp_server::service::pending: successfully cancelled request with ID: 7',
    });
    assert.equal(reader.read('2026-12-06T16:05:52.2Z  WARN tauri_acl::lsp::handlers::watch: cannot watch /x').level, 'warn');
    assert.equal(reader.read('2026-12-06T16:05:52.3Z DEBUG tauri_acl::lsp: x').level, 'debug');
    assert.equal(reader.read('2026-12-06T16:05:52.4Z ERROR tauri_acl::lsp::convert: hover failed').level, 'error');
  });

  it('gives a continuation line the level of its record', () => {
    const reader = new StderrReader();
    reader.read('2026-12-06T16:05:52.1Z  INFO tauri_acl::lsp: first line');
    assert.deepEqual(reader.read('  second line'), { level: 'info', text: '  second line' });
  });

  it('shows a panic and anything printed before logging as an error', () => {
    assert.equal(new StderrReader().read('error: cannot start the async runtime: x').level, 'error');
    const reader = new StderrReader();
    reader.read('2026-12-06T16:05:52.1Z  INFO tauri_acl::lsp: fine');
    assert.equal(reader.read("thread 'tokio-runtime-worker' panicked at server/src/x.rs:1:1:").level, 'error');
    assert.equal(reader.read('note: run with `RUST_BACKTRACE=1`').level, 'error');
  });
});

describe('RestartPolicy', () => {
  it('restarts four times within three minutes, then stops with one message', () => {
    const policy = new RestartPolicy();
    for (let crash = 1; crash <= 4; crash += 1) {
      const verdict = policy.closed(crash * 1000, 'exit code 101');
      assert.equal(verdict.restart, true);
      assert.match(verdict.message, new RegExp(`restarting it \\(${crash} of 4`));
    }
    const last = policy.closed(5000, 'killed by SIGKILL');
    assert.equal(last.restart, false);
    assert.match(last.message, /stopped 5 times within 3 minutes \(last: killed by SIGKILL\) and will not be restarted/);
  });

  it('forgets crashes older than three minutes, and all of them on reset', () => {
    const policy = new RestartPolicy();
    for (let crash = 0; crash < 4; crash += 1) {
      policy.closed(crash, 'exit code 1');
    }
    assert.equal(policy.closed(4 * 60 * 1000, 'exit code 1').restart, true);
    for (let crash = 0; crash < 4; crash += 1) {
      policy.closed(5 * 60 * 1000 + crash, 'exit code 1');
    }
    policy.reset();
    assert.equal(policy.closed(5 * 60 * 1000 + 10, 'exit code 1').restart, true);
  });
});

describe('describeExit', () => {
  it('names the signal, else the code', () => {
    assert.equal(describeExit(null, 'SIGKILL'), 'killed by SIGKILL');
    assert.equal(describeExit(101, null), 'exit code 101');
    assert.equal(describeExit(undefined, undefined), 'the connection closed');
  });
});
