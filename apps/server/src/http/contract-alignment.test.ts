import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGE_BANDS, ANALYTICS_DIMENSIONS, EVENT_LIMITS, EXPERIMENT_METRICS, EXPERIMENT_STATUSES, GENDERS, INCOME_BANDS, NOTE_KINDS, REPORT_REASON_MAX, REPORT_STATUSES, REPORT_TARGETS, ROLES, SIGNUP_SOURCES } from '@notewave/engine';
import { AgeBand, AnalyticsDimension, EVENT_BATCH_MAX, ExperimentMetric, ExperimentStatus, Gender, IncomeBand, NoteKind, ReportInput, ReportStatus, ReportTarget, Role, SignupSource } from '@notewave/api-client';

// The wire contract cannot import the engine (it ships to browsers alone), so its enums are copies; keep them equal.
test('the wire contract enums match the engine domain', () => {
  const values = (schema: { enum?: readonly unknown[] }) => [...(schema.enum ?? [])];
  assert.deepEqual(values(AgeBand), [...AGE_BANDS]);
  assert.deepEqual(values(Gender), [...GENDERS]);
  assert.deepEqual(values(IncomeBand), [...INCOME_BANDS]);
  assert.deepEqual(values(SignupSource), [...SIGNUP_SOURCES]);
  assert.deepEqual(values(Role), [...ROLES]);
  assert.deepEqual(values(NoteKind), [...NOTE_KINDS]);
  assert.equal(EVENT_BATCH_MAX, EVENT_LIMITS.batchMax);
  assert.deepEqual(values(ReportTarget), [...REPORT_TARGETS]);
  assert.deepEqual(values(ReportStatus), [...REPORT_STATUSES]);
  assert.equal((ReportInput.properties.reason as { maxLength?: number }).maxLength, REPORT_REASON_MAX);
  assert.deepEqual(values(ExperimentMetric), [...EXPERIMENT_METRICS]);
  assert.deepEqual(values(ExperimentStatus), [...EXPERIMENT_STATUSES]);
  assert.deepEqual(values(AnalyticsDimension), [...ANALYTICS_DIMENSIONS]);
});
