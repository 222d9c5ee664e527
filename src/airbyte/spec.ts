import { configSchema } from '../config.js';

/** Airbyte's `ConnectorSpecification`, as carried by a SPEC message. */
export interface ConnectorSpecification {
  connectionSpecification: Record<string, unknown>;
}

/**
 * The connector's `connectionSpecification`, derived from the same config JSON Schema as the Singer side
 * (`schemas/config.json`), so the two never drift: secrets (`secret: true`) become `airbyte_secret: true`,
 * and `order` keeps the schema's property order in the Airbyte UI.
 */
export function connectionSpecification(): Record<string, unknown> {
  const schema = configSchema();
  const properties: Record<string, Record<string, unknown>> = {};
  Object.entries(schema.properties).forEach(([key, property], index) => {
    const { secret, ...rest } = property;
    properties[key] = {
      ...rest,
      ...(secret === true ? { airbyte_secret: true } : {}),
      // ACTIVATE_VERSION is a Singer message: the Airbyte side never writes it, so the setting is moot here.
      ...(key === 'emit_activate_version_messages' ? { airbyte_hidden: true } : {}),
      order: index,
    };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: typeof schema.title === 'string' ? schema.title : 'tap-bigcommerce config',
    type: 'object',
    required: [...schema.required],
    properties,
    // Keys this tap does not know are warned about and ignored, never rejected.
    additionalProperties: true,
  };
}

export function connectorSpecification(): ConnectorSpecification {
  return { connectionSpecification: connectionSpecification() };
}
