import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES } from '../common/http/app-error';

const DESCRIPTION = `claimtrack tracks public claims through a verification lifecycle and brings each one back
on time with reminders.

Every \`/v1\` route needs \`Authorization: Bearer <token>\`. Errors are RFC 9457 problem details
(\`application/problem+json\`) with a stable \`code\`. Lists take \`limit\` (1-200) and \`cursor\` and
answer \`{ items, nextCursor }\`. Creating POSTs accept \`Idempotency-Key\`.`;

/** The OpenAPI document, generated from the code, and the Swagger UI at /docs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('claimtrack API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://claimtrack.invalid/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token from POST /v1/users or POST /v1/workspaces' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
    properties: {
      type: { type: 'string', example: '/problems/not-found' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', enum: Object.keys(ERROR_CODES) },
      instance: { type: 'string', description: 'urn:uuid:<request id>, also in the x-request-id header and the logs' },
      errors: {
        type: 'array',
        items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  };
  return document;
}

/** The API reference's address (/docs), its OpenAPI document's (/docs-json) and its YAML's (/docs-yaml). */
export const API_DOCS_PATH = 'docs';

export function setUpApiDocs(app: INestApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
