// Progress: one updating stderr line, only on a terminal, only for builds longer than the
// delay; cleared when the build ends.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { startProgress } from "../lib/cli/progress.mjs";

function terminal(isTTY = true) {
  const writes = [];
  return { isTTY, writes, write: (text) => writes.push(text) };
}

test("progress appears after the delay on a terminal and is cleared at the end", () => {
  mock.timers.enable({ apis: ["setInterval"] });
  try {
    let now = 0;
    const stream = terminal();
    const progress = startProgress(stream, { now: () => now });
    now = 400;
    mock.timers.tick(400);
    assert.deepEqual(stream.writes, [], "nothing before 500 ms");
    now = 1200;
    mock.timers.tick(800);
    assert.match(stream.writes.at(-1), /^\r. fizz: building… 1\.2 s\x1b\[K$/);
    progress.stop();
    assert.equal(stream.writes.at(-1), "\r\x1b[K");
    const count = stream.writes.length;
    mock.timers.tick(1000);
    assert.equal(stream.writes.length, count, "nothing after stop()");
  } finally {
    mock.timers.reset();
  }
});

test("no progress when not a terminal, when disabled (--json), or for a short build", () => {
  mock.timers.enable({ apis: ["setInterval"] });
  try {
    let now = 0;
    for (const [stream, enabled] of [[terminal(false), true], [terminal(true), false]]) {
      const progress = startProgress(stream, { enabled, now: () => now });
      now += 5000;
      mock.timers.tick(5000);
      progress.stop();
      assert.deepEqual(stream.writes, []);
    }
    const stream = terminal();
    const short = startProgress(stream, { now: () => now });
    mock.timers.tick(300);
    short.stop();
    assert.deepEqual(stream.writes, [], "a build under 500 ms shows nothing and clears nothing");
  } finally {
    mock.timers.reset();
  }
});
