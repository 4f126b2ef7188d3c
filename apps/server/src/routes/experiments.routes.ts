import { ExperimentInput, ExperimentList, ExperimentParams, ExperimentReadout, ExperimentView } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import type { ExperimentsService } from '../services/experiments.service.ts';

/** Operators: experiments between feed strategies, their lifecycle and their readout (403 for everyone else). */
export function experimentsRoutes(app: Api, experiments: ExperimentsService): void {
  const tags = ['experiments'];
  app.post('/api/experiments', {
    schema: {
      tags, summary: 'Operators: define an experiment (variants are strategies or pipeline overrides, checked now); its planned size comes from the stated minimum detectable effect',
      security: BEARER, body: ExperimentInput, response: replies({ 201: ExperimentView }),
    },
  }, async (req, reply) => reply.code(201).send(await experiments.create(req.viewer, req.body)));

  app.get('/api/experiments', {
    schema: { tags, summary: 'Operators: every experiment, oldest first', security: BEARER, response: replies({ 200: ExperimentList }) },
  }, async (req) => experiments.list(req.viewer));

  app.get('/api/experiments/:name', {
    schema: { tags, summary: 'Operators: one experiment', security: BEARER, params: ExperimentParams, response: replies({ 200: ExperimentView }) },
  }, async (req) => experiments.get(req.viewer, req.params.name));

  for (const verb of ['start', 'pause', 'stop'] as const) {
    app.post(`/api/experiments/:name/${verb}`, {
      schema: {
        tags, summary: `Operators: ${verb === 'start' ? 'start (or resume) an experiment: feeds are served by its variants' : verb === 'pause' ? 'pause an experiment: feeds go back to the default, its layer range is kept' : 'stop an experiment for good and free its layer range'}`,
        security: BEARER, params: ExperimentParams, response: replies({ 200: ExperimentView }),
      },
    }, async (req) => experiments.change(req.viewer, req.params.name, verb));
  }

  app.get('/api/experiments/:name/readout', {
    schema: {
      tags, summary: 'Operators: which variant wins on the primary metric, by how much and how sure; every metric per variant; guardrails; sample-ratio check',
      security: BEARER, params: ExperimentParams, response: replies({ 200: ExperimentReadout }),
    },
  }, async (req) => experiments.readout(req.viewer, req.params.name));
}
