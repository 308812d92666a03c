/**
 * The files `plugboard new` writes: a connector.mdx and one action that compile with no
 * diagnostic, commented so that they read as a short tutorial.
 */

export interface TemplateOptions {
  id: string;
  title: string;
  /** Relative path from connectors/<id>/ to a JSON schema of connector.mdx, when the repo has one. */
  connectorSchema?: string | undefined;
  /** Relative path from connectors/<id>/actions/ to a JSON schema of an action, when the repo has one. */
  actionSchema?: string | undefined;
}

/** `github-issues` → `Github Issues`. */
export function titleFromId(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON is valid YAML). */
const yamlString = (s: string) =>
  /^[A-Za-z0-9][\w .,()'-]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|null|yes|no|on|off|[-+\d._]+)$/i.test(s) ? s : JSON.stringify(s);

/** Text for the MDX body: `{`, `}` and `<` escaped. */
const mdxText = (s: string) => s.replace(/[{}<]/g, '\\$&');

export function connectorTemplate(o: TemplateOptions): Record<string, string> {
  const title = o.title;
  const text = mdxText(title);
  const schemaLine = (path: string | undefined) => (path ? `# yaml-language-server: $schema=${path}\n` : '');
  const connector = `---
${schemaLine(o.connectorSchema)}# The front-matter of connector.mdx describes the connector as a whole. It compiles to
# apiDefinition.swagger.json and apiProperties.json; run \`npm run check\` after each change.

# Name shown in the designer: at most 30 characters, without "API", "Connector" or a
# Microsoft product name, ending with a letter or a digit.
title: ${yamlString(title)}
# What the service does, in 30 to 500 characters (info.description).
description: ${yamlString(`Read the items of your ${title} account from flows and apps. Replace this with what the service offers.`)}
# Version of this definition, as a string (info.version).
version: "1.0"
# Who publishes the connector, and who runs the service behind it.
publisher: Contoso
stackOwner: Contoso
# Background colour of the icon (iconBrandColor): not white, not #007ee5. The icon
# itself is icon.png beside this file: a square PNG of about 230x230 pixels.
brandColor: "#0f6cbd"
# At most two of the platform's categories: AI, Business Management, Business Intelligence,
# Collaboration, Commerce, Communication, Content and Files, Data, Finance, Human Resources,
# Internet of Things, IT Operations, Lifestyle and Entertainment, Marketing, Productivity,
# Sales and CRM, Security, Social Media, Website.
categories: [Productivity, Data]
# Links shown on the connector's page (x-ms-connector-metadata): absolute https URLs.
website: https://www.example.com
privacyPolicy: https://www.example.com/privacy
# Who supports the connector (info.contact): certification asks for all three.
contact:
  name: Contoso support
  url: https://www.example.com/support
  email: support@example.com
# Where requests go: https://{host}{basePath}{path of each action}.
host: api.example.com
basePath: /v1
schemes: [https]
# How users sign in. Here: an API key, sent verbatim in the X-Api-Key header. Other types:
# none, basic, oauth2, and multi (a choice of several).
auth:
  type: apiKey
  in: header
  name: X-Api-Key
  field:
    label: API key
    description: ${yamlString(`The API key of your ${title} account.`)}

# Below the front-matter comes the readme (readme.md) in MDX, so write \\{, \\} and \\< in
# prose. Keep the sections and their names: certification asks for them, and each action
# listed under Supported Operations is named by its summary.
---

# ${text}

${text} gives you access to the items of your ${text} account. Describe here what users can
do with the connector and why they would use it.

## Publisher: Contoso

## Prerequisites

You need an account with ${text} and an API key for it.

## Supported Operations

### Get an item

Gets one item by its identifier.

## Obtaining Credentials

Sign in to your ${text} account, open the settings and create an API key. Paste it in the
**API key** field when you create a connection.

## Known Issues and Limitations

There are no known issues at this time.

## Deployment Instructions

Run \`npx plugboard build\` and import the package it writes under \`packages/\` as a custom connector.
`;

  const action = `---
${schemaLine(o.actionSchema)}# An action. The file name is its operationId (GetItem); add one file per action beside it,
# and triggers in ../triggers/. Keys are documented in src/model/operation.ts.

# Method and path, relative to basePath.
request: GET /items/{itemId}
# Name of the action in the designer: sentence case, at most 80 characters, only letters,
# digits, spaces and ( ) - , ' : . & (no slash), no final period.
summary: Get an item
# Tooltip: a full sentence.
description: Gets one item by its identifier.
parameters:
  # A parameter named in the path as {itemId} is a required path parameter.
  itemId:
    type: string
    # Label of the field (x-ms-summary) and its tooltip.
    summary: Item ID
    description: The identifier of the item.
responses:
  200:
    description: The item.
    schema:
      type: object
      properties:
        id:
          type: string
          summary: Item ID
          description: The identifier of the item.
        name:
          type: string
          summary: Name
          description: The name of the item.
---
Longer documentation of the action goes here, in MDX.
`;
  return { 'connector.mdx': connector, 'actions/GetItem.mdx': action };
}
