// A tap reporter (`tap --reporter=./test/reporter.mjs`): passes the TAP stream through unchanged and
// appends the closing line CI reads, `N passed, N failed, N skipped`, from tap's final counts
// comment (`# { total: 12, pass: 11, fail: 1, skip: 2 }`).
// RTNL_SUMMARY_PREFIX goes before that line (test/run.sh makes it a TAP comment, as it prints one
// combined line itself); RTNL_SUMMARY_FILE receives the counts as JSON.
import { writeFileSync } from 'node:fs';
import { Transform } from 'node:stream';

export default class SummaryReporter extends Transform {
  #rest = '';
  /** From tap's counts comment. */
  #counts = undefined;
  /** Top-level test points, in case tap ends without its counts comment. */
  #points = { pass: 0, fail: 0, skip: 0 };

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  _transform(chunk, _enc, done) {
    const text = this.#rest + String(chunk);
    const lines = text.split('\n');
    this.#rest = lines.pop();
    for (const line of lines) this.#line(line);
    done(null, chunk);
  }

  _flush(done) {
    if (this.#rest) this.#line(this.#rest);
    const c = this.#counts ?? this.#points;
    const counts = { pass: c.pass ?? 0, fail: c.fail ?? 0, skip: (c.skip ?? 0) + (c.todo ?? 0) };
    if (!this.#counts) counts.fail = Math.max(counts.fail, 1); // tap did not finish its report
    const file = process.env.RTNL_SUMMARY_FILE;
    if (file) writeFileSync(file, `${JSON.stringify(counts)}\n`);
    const line = `${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`;
    const nl = this.#rest ? '\n' : '';
    const note = this.#counts ? '' : '# tap ended without its final counts: counted as a failure\n';
    done(null, `${nl}${note}${process.env.RTNL_SUMMARY_PREFIX ?? ''}${line}\n`);
  }

  #line(line) {
    const counts = /^# \{ (.*) \}\s*$/.exec(line);
    if (counts) {
      this.#counts = {};
      for (const m of counts[1].matchAll(/(\w+): (\d+)/g)) this.#counts[m[1]] = Number(m[2]);
      return;
    }
    const point = /^(not )?ok\b.*?(#\s*(SKIP|TODO)\b)?/i.exec(line);
    if (!point) return;
    if (point[1]) this.#points.fail++;
    else if (/#\s*(SKIP|TODO)\b/i.test(line)) this.#points.skip++;
    else this.#points.pass++;
  }
}
