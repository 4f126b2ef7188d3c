import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceMax, renderLineChart } from './svg-chart.ts';

test('the y axis tops out at a round number', () => {
  assert.deepEqual([0.7, 1, 3, 7, 12, 180, 260, 999].map(niceMax), [1, 1, 5, 10, 20, 200, 500, 1000]);
  assert.equal(niceMax(0), 1);
});

test('a line chart places points on the plot, breaks lines at gaps and escapes text', () => {
  const svg = renderLineChart({
    title: 'DAU <&>',
    xLabels: ['2025-01-01', '2025-01-02', '2025-01-03'],
    series: [{ name: 'a', values: [0, 10, null], color: '#000000' }, { name: 'b', values: [5, 5, 5], dashed: true }],
    marker: { index: 1, label: 'pause' },
    width: 200,
    height: 180,
  });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.includes('DAU &lt;&amp;&gt;'));
  // Plot: x from 56 to 184 (3 points: 56, 120, 184), y from 36 (=10) to 136 (=0).
  assert.ok(svg.includes('<path d="M56 136 L120 36" fill="none" stroke="#000000"'), svg);
  assert.ok(svg.includes('<path d="M56 86 L120 86 L184 86"'));
  assert.ok(svg.includes('stroke-dasharray="6 4"'));
  assert.ok(svg.includes('<line x1="120" y1="36" x2="120" y2="136"'), 'the marker');
  assert.ok(svg.includes('>01-02<'));
  assert.equal(svg, renderLineChart({
    title: 'DAU <&>', xLabels: ['2025-01-01', '2025-01-02', '2025-01-03'],
    series: [{ name: 'a', values: [0, 10, null], color: '#000000' }, { name: 'b', values: [5, 5, 5], dashed: true }],
    marker: { index: 1, label: 'pause' }, width: 200, height: 180,
  }));
});
