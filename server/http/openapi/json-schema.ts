import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema, VariantSchema } from 'valibot';

/**
 * A valibot schema as OpenAPI 3.1 (JSON Schema 2020-12). Checks JSON Schema cannot express
 * (NIK checksum, calendar dates) are left out: the document is a contract, the server still
 * runs the full schema. A valibot variant becomes oneOf with an OpenAPI discriminator.
 */
export function toOpenApiSchema(schema: GenericSchema, direction: 'request' | 'response'): JsonSchema {
  const converted = toJsonSchema(schema, {
    target: 'draft-2020-12',
    typeMode: direction === 'request' ? 'input' : 'output',
    errorMode: 'ignore',
    overrideSchema: ({ valibotSchema, jsonSchema }) =>
      valibotSchema.type === 'variant' ? ({ ...jsonSchema, discriminator: { propertyName: String((valibotSchema as VariantSchema<string, never, undefined>).key) } } as JsonSchema) : undefined,
  });
  delete converted.$schema;
  return converted;
}
