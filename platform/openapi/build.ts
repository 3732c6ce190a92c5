import { DEFAULT_BODY_LIMIT, endpoints, type EndpointAuth, type EndpointSpec } from '../../shared/platform/endpoints';
import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import { ErrorBody } from '../../shared/platform/wire';
import { z } from '../../shared/zod';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) for one zod schema, without the `$schema` header. */
function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const SECURITY: Record<EndpointAuth, Json[]> = {
  public: [],
  workstation: [{ workstationToken: [] }],
  agency: [{ agencyToken: [] }],
  'any-client': [{ workstationToken: [] }, { agencyToken: [] }, { adminToken: [] }],
  admin: [{ adminToken: [] }],
};

const bearer = (who: string): Json => ({
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'nin1 (HMAC-SHA256 signed claims)',
  description: `${who} token from POST /v1/enroll (admins: platform CLI). Expiry is judged by the platform clock; a revoked token answers 401.`,
});

/** Query/path parameters from an object schema: one parameter per property. */
function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const js = schemaOf(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema,
  }));
}

function operation(name: string, e: EndpointSpec): Json {
  const produces = e.produces ?? 'application/json';
  const okStatus = String(e.status ?? 200);
  const op: Json = {
    operationId: name,
    summary: e.summary,
    'x-auth': e.auth,
    security: SECURITY[e.auth],
    parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query'), { $ref: '#/components/parameters/RequestId' }],
    responses: {
      [okStatus]: {
        description: 'OK',
        headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
        content: produces === 'application/json' ? { [produces]: { schema: schemaOf(e.response, 'output') } } : { [produces]: { schema: { type: 'string', ...(produces === 'text/event-stream' ? {} : { format: 'binary' }) } } },
      },
      '4XX': { $ref: '#/components/responses/Error' },
      '5XX': { $ref: '#/components/responses/Error' },
    },
  };
  if (e.consumes) {
    op.requestBody = {
      required: true,
      description: `raw bytes, at most ${e.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes per request`,
      content: { [e.consumes]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  if (e.body) {
    op.requestBody = {
      required: true,
      description: `JSON, at most ${e.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`,
      content: { 'application/json': { schema: schemaOf(e.body, 'input') } },
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of the platform, generated from the shared endpoint table and nothing else. */
export function buildOpenApi(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const [name, e] of Object.entries(endpoints) as [string, EndpointSpec][]) {
    (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(name, e);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'N合一跨機關通報平台 API',
      version,
      description:
        'County platform of N-in-1 Counter: notifications and verification requests from counters to receiving agencies, status changes back, batch file exchange, statistics. Errors: ErrorBody with a stable code (see x-error-codes) and a zh-TW message.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { workstationToken: bearer('Counter workstation'), agencyToken: bearer('Receiving agency client'), adminToken: bearer('Platform admin') },
      parameters: {
        RequestId: { name: 'X-Request-Id', in: 'header', required: false, description: 'Message id for the message log; made by the platform when absent.', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } },
      },
      headers: { RequestId: { description: 'The message id the platform logged this request under.', schema: { type: 'string' } } },
      responses: { Error: { description: 'Error with a machine-readable code and a zh-TW message', content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } } } },
    },
    'x-error-codes': Object.fromEntries(Object.entries(PLATFORM_ERRORS).map(([code, v]) => [code, v])),
  };
}
