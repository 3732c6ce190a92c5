import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../shared/platform/endpoints';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

type Op = {
  operationId: string; summary: string; security: Record<string, string[]>[]; 'x-auth': string;
  parameters: { name?: string; in?: string; required?: boolean; schema?: object; $ref?: string }[];
  requestBody?: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { content?: Record<string, { schema: object }>; $ref?: string }>;
};
type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Op>>; components: { securitySchemes: Record<string, { type: string; scheme: string }> } & Record<string, Record<string, unknown>> };

let t: TestPlatform;
let doc: Doc;
beforeAll(async () => {
  t = await startTestPlatform();
  const r = await t.http.call('openapi', {});
  expect(r.status).toBe(200);
  doc = r.body as unknown as Doc;
});
afterAll(() => t.close());

// ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) comes with fastify; formats are not
// asserted here (OpenAPI leaves them as annotations), only the structure of every schema.
const ajv = new Ajv2020({ strict: false, validateFormats: false });

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document with info, paths and the security schemes it references', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    for (const [name, s] of Object.entries(doc.components.securitySchemes)) {
      expect(s, name).toMatchObject({ type: 'http', scheme: 'bearer' });
    }
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const op of ops) {
      for (const req of op.security) for (const scheme of Object.keys(req)) expect(doc.components.securitySchemes, scheme).toHaveProperty(scheme);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
    // every $ref resolves inside the document
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const path = ref.slice(10, -1).split('/');
      let node: unknown = doc;
      for (const k of path) node = (node as Record<string, unknown>)[k];
      expect(node, ref).toBeDefined();
    }
  });

  it('lists every endpoint of the table with its method, auth, path parameters and request schema', () => {
    for (const [name, e] of Object.entries(endpoints)) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op!.operationId).toBe(name);
      expect(op!['x-auth']).toBe(e.auth);
      expect(op!.security.length === 0).toBe(e.auth === 'public');
      for (const m of e.path.matchAll(/\{(\w+)\}/g)) {
        expect(op!.parameters.find((p) => p.in === 'path' && p.name === m[1]), `${e.path} ${m[1]}`).toMatchObject({ required: true });
      }
      expect(Boolean(op!.requestBody)).toBe('body' in e || 'consumes' in e);
    }
  });

  it('its schemas are valid JSON Schema 2020-12 and accept what real clients send', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schemas = [
          ...op.parameters.flatMap((p) => (p.schema ? [p.schema] : [])),
          ...(op.requestBody ? Object.values(op.requestBody.content as Record<string, { schema: object }>).map((c) => c.schema) : []),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
        ];
        for (const s of schemas) expect(() => ajv.compile(s), `${method} ${path}`).not.toThrow();
      }
    }
    const submit = ajv.compile(doc.paths['/v1/notifications:batch']!.post!.requestBody!.content['application/json'].schema);
    expect(submit({ notifications: [notificationEnvelope()] })).toBe(true);
    expect(submit({ notifications: [] })).toBe(false);
    const enrol = ajv.compile(doc.paths['/v1/enroll']!.post!.requestBody!.content['application/json'].schema);
    expect(enrol({ code: 'DEMO-FS01-W01', client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' } })).toBe(true);
    // Issue 14 §2: evidence upload takes raw chunks; the download answers a PDF; envelopes may name evidence.
    const upload = doc.paths['/v1/evidence/{sha256}']!;
    expect(Object.keys(upload).sort()).toEqual(['get', 'put']);
    expect(Object.keys(upload.put!.requestBody!.content)).toEqual(['application/octet-stream']);
    expect(Object.keys(doc.paths['/v1/notifications/{id}/evidence/{sha256}']!.get!.responses['200']!.content!)).toEqual(['application/pdf']);
    const sha256 = 'a'.repeat(64);
    expect(submit({ notifications: [notificationEnvelope({ evidence: [{ sha256, size: 10, pages: 2, formPages: [1, 3] }] })] })).toBe(true);
  });
});
