/**
 * `plugboard simulate --format json|junit`: a trigger's simulated life for CI. JSON holds the steps,
 * the polls (items fired, items that would fire twice) and the gaps; the notification's body is left
 * out (only its size), as every printed line is redacted and it is not. JUnit has one `<testcase>` per
 * step, a `<failure>` for a broken one; warnings and info steps pass with their text in `<system-out>`.
 */
import type { Simulation } from '../../live/simulate.ts';
import { xmlText } from './junit.ts';

export interface SimulationMeta {
  connector: string;
  trigger: string;
}

export function simulationJson(run: Simulation, meta: SimulationMeta): string {
  const { notification, ...rest } = run;
  const out = { connector: meta.connector, trigger: meta.trigger, ...rest, ...(notification ? { notificationBytes: notification.body.length } : {}) };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const attr = (text: string) => xmlText(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export function simulationJunit(run: Simulation, meta: SimulationMeta): string {
  const failures = run.steps.filter((s) => s.status === 'fail').length;
  const name = `plugboard simulate ${meta.connector} ${meta.trigger}`;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="${attr(name)}" tests="${run.steps.length}" failures="${failures}" errors="0">\n`;
  out += `  <testsuite name="${attr(`${meta.connector}.${meta.trigger}`)}" tests="${run.steps.length}" failures="${failures}" errors="0" skipped="0">\n`;
  for (const step of run.steps) {
    const open = `    <testcase name="${attr(step.name)}" classname="${attr(`${meta.connector}.${meta.trigger}`)}">`;
    out +=
      step.status === 'fail'
        ? `${open}\n      <failure type="broken" message="${attr(step.text)}">${xmlText(step.text)}</failure>\n    </testcase>\n`
        : `${open}\n      <system-out>${xmlText(`${step.status}: ${step.text}`)}</system-out>\n    </testcase>\n`;
  }
  return `${out}  </testsuite>\n</testsuites>\n`;
}
