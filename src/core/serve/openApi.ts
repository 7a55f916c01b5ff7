import type { ServedModel } from './types';

/**
 * The OpenAPI 3.1 description served at /openapi.json: the row schema from the model's input
 * columns (types, categories, date formats) and every route. Shipped in serve.mjs with
 * `Function.prototype.toString()`: reads only its arguments and built-ins.
 */
export function openApiDoc(model: Pick<ServedModel, 'name' | 'version' | 'task' | 'classes' | 'columns'>, ab: boolean): Record<string, unknown> {
  const cell = (c: ServedModel['columns'][number]): Record<string, unknown> => {
    if (c.type === 'boolean') return { type: ['boolean', 'string', 'null'] };
    if (c.type === 'integer' || c.type === 'float') return { type: ['number', 'string', 'null'] };
    if (c.type === 'datetime') return { type: ['string', 'number', 'null'], description: c.format ? 'A date written as ' + c.format + ', an ISO 8601 date, or epoch milliseconds.' : 'An ISO 8601 date, or epoch milliseconds.' };
    return { type: ['string', 'null'], ...(c.categories && c.openCategories === false ? { enum: [...c.categories, null] } : {}) };
  };
  const row = { type: 'object', additionalProperties: false, required: model.columns.map((c) => c.name), properties: Object.fromEntries(model.columns.map((c) => [c.name, cell(c)])) };
  const prediction =
    model.task === 'regression'
      ? { type: 'number' }
      : { type: 'object', properties: { label: { enum: model.classes || [] }, probabilities: { type: 'object', additionalProperties: { type: 'number' } } } };
  const error = { type: 'object', required: ['error_code', 'message'], properties: { error_code: { type: 'string' }, message: { type: 'string' }, row: { type: 'integer' }, column: { type: 'string' } } };
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  const ok = (description: string, schema: unknown = { type: 'object' }) => ({ description, content: json(schema) });
  const errors = { '400': ok('A malformed body or a row that does not match the schema.', error), '413': ok('Too many rows or bytes.', error), '415': ok('Unsupported content type.', error) };
  const invocation = {
    oneOf: [
      { type: 'object', required: ['dataframe_split'], properties: { dataframe_split: { type: 'object', properties: { columns: { type: 'array', items: { type: 'string' } }, data: { type: 'array', items: { type: 'array' } } } } } },
      { type: 'object', required: ['dataframe_records'], properties: { dataframe_records: { type: 'array', items: row } } },
      { type: 'object', required: ['instances'], properties: { instances: { type: 'array', items: row } } },
      { type: 'object', required: ['inputs'], properties: { inputs: { oneOf: [{ type: 'array', items: row }, { type: 'object', additionalProperties: { type: 'array' } }] } } },
    ],
  };
  const paths: Record<string, unknown> = {
    '/invocations': {
      post: {
        summary: 'Score rows (MLflow scoring protocol).',
        ...(ab ? { parameters: [{ name: 'X-Unit-Id', in: 'header', schema: { type: 'string' }, description: 'The unit the A/B router assigns to a variant.' }] } : {}),
        requestBody: { required: true, content: { ...json(invocation), 'text/csv': { schema: { type: 'string', description: 'A header row of column names, then one line per row.' } } } },
        responses: { '200': ok('One prediction per row, in order.', { type: 'object', properties: { predictions: { type: 'array', items: prediction } } }), ...errors },
      },
    },
    '/ping': { get: { summary: 'Liveness.', responses: { '200': ok('The server is up.') } } },
    '/health': { get: { summary: 'Readiness: the model is loaded and a warm-up prediction succeeded.', responses: { '200': ok('Ready.'), '503': ok('Not ready yet.') } } },
    '/version': { get: { summary: 'Model name, version and server version.', responses: { '200': ok('Versions.') } } },
    '/metadata': { get: { summary: 'Input and output schema, model identity and file hashes.', responses: { '200': ok('Metadata.') } } },
    '/metrics': { get: { summary: 'Prometheus metrics.', responses: { '200': { description: 'Text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    '/v2/health/live': { get: { summary: 'Open Inference Protocol liveness.', responses: { '200': ok('Live.') } } },
    '/v2/health/ready': { get: { summary: 'Open Inference Protocol readiness.', responses: { '200': ok('Ready.'), '503': ok('Not ready.') } } },
    ['/v2/models/' + model.name]: { get: { summary: 'Open Inference Protocol model metadata.', responses: { '200': ok('Metadata.') } } },
    ['/v2/models/' + model.name + '/infer']: {
      post: { summary: 'Open Inference Protocol inference: one input tensor per column.', requestBody: { required: true, content: json({ type: 'object', required: ['inputs'] }) }, responses: { '200': ok('Output tensors.'), ...errors } },
    },
  };
  if (ab) {
    paths['/admin/weights'] = {
      post: {
        summary: 'Change the traffic weights without a restart (bearer token given at start).',
        requestBody: { required: true, content: json({ type: 'object', required: ['weights'], properties: { weights: { type: 'object', additionalProperties: { type: 'number' } } } }) },
        responses: { '200': ok('The new router config.'), '401': ok('Missing or wrong token.', error) },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: model.name + ' scoring server', version: String(model.version) }, paths, components: { schemas: { Row: row, Error: error } } };
}
