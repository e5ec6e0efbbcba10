import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { METHODS } from 'node:http';
import request from 'supertest';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// The OpenAPI document against what the app really serves: every route the router registered under /api/v1
// is documented (derived from the running app, not from a list kept by hand), with bearer security, and every
// request DTO property — body or query — is documented with an example.

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; example?: unknown; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}

interface Schema {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema & { example?: unknown }>;
  required?: string[];
  example?: unknown;
  allOf?: Schema[];
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * "GET /api/v1/runs/{runId}" for each route Express holds (Nest registers one per handler method). Routes
 * answering every HTTP method are middleware mounts (the bearer check, RequestMethod.ALL) and wildcard paths
 * the framework's catch-alls: neither is an operation.
 */
function registeredRoutes(harness: TestApp): string[] {
  const express = harness.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const methods = Object.keys(layer.route.methods).filter((method) => layer.route!.methods[method]);
    if (METHODS.every((method) => methods.includes(method.toLowerCase()))) return [];
    const paths = (Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]).filter(
      (path) => !path.includes('*'),
    );
    return paths.flatMap((path) =>
      methods.map((method) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    );
  });
}

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

const RouteParamtypes = { BODY: 3, QUERY: 4 } as const;

interface DtoUse {
  route: string;
  where: 'body' | 'query';
  dto: new () => object;
}

/** The @Body()/@Query() classes of every controller handler under /api/v1, from Nest's own metadata. */
function requestDtos(harness: TestApp): DtoUse[] {
  const uses: DtoUse[] = [];
  for (const module of harness.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const base = [(Reflect.getMetadata('path', controller) as string | string[] | undefined) ?? '']
        .flat()[0]!
        .replace(/^\/|\/$/g, '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata('path', handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const path = `/${[base, [sub].flat()[0]!.replace(/^\/|\/$/g, '')].filter(Boolean).join('/')}`;
        if (!path.startsWith('/api/v1')) continue;
        const method = RequestMethod[Reflect.getMetadata('method', handler) as RequestMethod];
        const route = `${method} ${path.replace(/:(\w+)/g, '{$1}')}`;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as unknown[];
        const args = (Reflect.getMetadata('__routeArguments__', controller, name) ?? {}) as Record<
          string,
          { index: number }
        >;
        for (const [key, { index }] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const where = kind === RouteParamtypes.BODY ? 'body' : kind === RouteParamtypes.QUERY ? 'query' : null;
          const type = types[index];
          if (where && typeof type === 'function' && type !== Array && type !== Object) {
            uses.push({ route, where, dto: type as new () => object });
          }
        }
      }
    }
  }
  return uses;
}

/** Properties class-validator checks on a DTO: what a client may send. */
type DtoClass = abstract new (...args: never[]) => unknown;

function validatedProperties(dto: DtoClass): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

function validatedClassNamed(name: string): DtoClass | undefined {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown> };
  return [...storage.validationMetadatas.keys()].find((target) => target.name === name);
}

describe('OpenAPI document and docs UI', () => {
  let harness: TestApp;
  let document: OpenApiDocument;

  const http = () => request(harness.app.getHttpServer());

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]!);
    if (schema.type === 'array' && schema.items) return resolve(schema.items);
    return schema;
  }

  beforeAll(async () => {
    harness = await createTestApp();
    const response = await http().get('/api/docs-json').expect(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    document = response.body as OpenApiDocument;
  });

  afterAll(() => harness.close());

  it('is an OpenAPI 3 document with the bearer scheme', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes?.['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents exactly the routes the router registered under /api/v1', () => {
    const registered = registeredRoutes(harness).filter((route) => / \/api\/v1(\/|$)/.test(route));
    const documented = documentedRoutes(document).filter((route) => / \/api\/v1(\/|$)/.test(route));
    // Sanity: the router really was read (the contract's routes are there).
    expect(registered).toEqual(
      expect.arrayContaining(['POST /api/v1/sync', 'GET /api/v1/runs/{runId}', 'PUT /api/v1/mappings/users']),
    );
    expect([...new Set(documented)].sort()).toEqual([...new Set(registered)].sort());
  });

  it('documents the other routes the app serves (health), but not the docs or the metrics themselves', () => {
    const registered = registeredRoutes(harness).filter(
      (route) => !/ \/api\/v1(\/|$)/.test(route) && !/ \/(api\/docs|metrics)/.test(route),
    );
    expect(registered).toContain('GET /health');
    expect(documentedRoutes(document)).toEqual(expect.arrayContaining(registered));
    expect(documentedRoutes(document).filter((route) => / \/(api\/docs|metrics)/.test(route))).toEqual([]);
  });

  it('gives every /api/v1 operation bearer security, a tag, a summary, a 2xx answer and the 401', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!path.startsWith('/api/v1')) {
          expect({ where, security: operation.security ?? [] }).toEqual({ where, security: [] });
          continue;
        }
        expect({ where, security: operation.security }).toEqual({ where, security: [{ bearer: [] }] });
        expect({ where, tags: operation.tags?.length ?? 0 }).toEqual({ where, tags: 1 });
        expect({ where, summary: typeof operation.summary }).toEqual({ where, summary: 'string' });
        const statuses = Object.keys(operation.responses);
        expect({ where, ok: statuses.some((status) => /^2\d\d$/.test(status)) }).toEqual({ where, ok: true });
        expect({ where, statuses }).toEqual({ where, statuses: expect.arrayContaining(['401']) });
      }
    }
  });

  it('documents every request body property with an example, and every property a body DTO validates', () => {
    let bodies = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const content = operation.requestBody?.content['application/json'];
        if (!content) continue;
        bodies++;
        const where = `${method.toUpperCase()} ${path}`;
        const schema = resolve(content.schema);
        const properties = Object.entries(schema.properties ?? {});
        expect({ where, properties: properties.length > 0 }).toEqual({ where, properties: true });
        for (const [name, property] of properties) {
          expect({ where, name, example: property.example !== undefined }).toEqual({ where, name, example: true });
        }
        // The class behind the schema: everything it validates (what a client may send) is documented.
        const ref = (content.schema.$ref ?? content.schema.items?.$ref)?.split('/').pop();
        const dto = ref ? validatedClassNamed(ref) : undefined;
        expect({ where, dto: dto?.name }).toEqual({ where, dto: ref });
        expect({ where, documented: properties.map(([name]) => name).sort() }).toEqual({
          where,
          documented: validatedProperties(dto!),
        });
      }
    }
    // POST sync, PATCH link, POST resolve, PUT users, PUT departments.
    expect(bodies).toBeGreaterThanOrEqual(5);
  });

  it('documents every @Body()/@Query() DTO of every /api/v1 handler, each property with an example', () => {
    const uses = requestDtos(harness);
    expect(uses.map((use) => `${use.route} ${use.where} ${use.dto.name}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/sync body SyncRequestDto',
        'GET /api/v1/runs query PageQueryDto',
        'GET /api/v1/mappings/users query ListMappingsQuery',
        'GET /api/v1/mappings/unmapped query UnmappedQuery',
        'GET /api/v1/vendors/{vendor}/groups query VendorGroupsQuery',
      ]),
    );
    for (const { route, where, dto } of uses) {
      const [method, path] = route.split(' ') as [string, string];
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect({ route, documented: operation !== undefined }).toEqual({ route, documented: true });
      const properties = validatedProperties(dto);
      expect({ route, dto: dto.name, properties: properties.length > 0 }).toEqual({
        route,
        dto: dto.name,
        properties: true,
      });
      for (const name of properties) {
        let example: unknown;
        if (where === 'query') {
          const parameter = operation!.parameters?.find((entry) => entry.in === 'query' && entry.name === name);
          example = parameter?.example ?? parameter?.schema?.example;
        } else {
          const content = operation!.requestBody?.content['application/json'];
          example = content ? resolve(content.schema).properties?.[name]?.example : undefined;
        }
        expect({ route, dto: dto.name, name, example: example !== undefined }).toEqual({
          route,
          dto: dto.name,
          name,
          example: true,
        });
      }
    }
  });

  it('serves Swagger UI and the document without a token, while /api/v1 still needs one', async () => {
    const ui = await http().get('/api/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.text).toContain('swagger-ui');
    await http().get('/api/docs/swagger-ui-init.js').expect(200);
    await http().get('/api/docs/swagger-ui.css').expect(200);
    await http().get('/api/docs-json').expect(200);

    await http().get('/api/v1/runs').expect(401);
    await http().get('/api/v1/links').expect(401);
    await http().get('/api/v1/runs').set('Authorization', `Bearer ${TEST_API_TOKEN}`).expect(200);
    // Only the documentation is public: neighbours of its paths are not.
    await http().get('/api/docs-yaml').expect(401);
    await http().get('/api/documents').expect(401);
  });
});
