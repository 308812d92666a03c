/** How export finds the identity provider's endpoints and the scheme of each auth option (src/export/auth.ts). */
import { describe, expect, it } from 'vitest';
import { authOptions, oauthEndpoints, oauthScopes } from '../../src/export/auth.ts';

describe('oauthEndpoints', () => {
  it('reads generic OAuth custom parameters, and the template-driven ones whatever their case', () => {
    const generic = { identityProvider: 'oauth2', customParameters: { authorizationUrl: { value: 'https://idp.example/authorize' }, tokenUrl: { value: 'https://idp.example/token' }, refreshUrl: { value: 'https://idp.example/refresh' } } };
    expect(oauthEndpoints(generic)).toEqual({ authorizationUrl: 'https://idp.example/authorize', tokenUrl: 'https://idp.example/token', refreshUrl: 'https://idp.example/refresh' });
    const templated = { identityProvider: 'oauth2generic', customParameters: { AuthorizationUrlTemplate: { value: 'https://idp.example/oauth/authorize' }, TokenUrlTemplate: { value: 'https://idp.example/oauth/token' }, RefreshUrlTemplate: { value: null } } };
    expect(oauthEndpoints(templated)).toEqual({ authorizationUrl: 'https://idp.example/oauth/authorize', tokenUrl: 'https://idp.example/oauth/token' });
  });

  it('builds Entra ID endpoints from the login URI and tenant, and knows named providers', () => {
    expect(oauthEndpoints({ identityProvider: 'aad', customParameters: { loginUri: { value: 'https://login.windows.net/' }, tenantId: { value: 'contoso.example' } } })).toEqual({
      authorizationUrl: 'https://login.windows.net/contoso.example/oauth2/authorize',
      tokenUrl: 'https://login.windows.net/contoso.example/oauth2/token',
      refreshUrl: 'https://login.windows.net/contoso.example/oauth2/token',
    });
    expect(oauthEndpoints({ identityProvider: 'aad' })?.authorizationUrl).toBe('https://login.microsoftonline.com/common/oauth2/authorize');
    expect(oauthEndpoints({ identityProvider: 'github' })?.tokenUrl).toBe('https://github.com/login/oauth/access_token');
  });

  it('gives nothing for an unknown provider or a URL that is a template', () => {
    expect(oauthEndpoints({ identityProvider: 'DocuSign' })).toBeUndefined();
    expect(oauthEndpoints({ identityProvider: 'oauth2generic', customParameters: { authorizationUrlTemplate: { value: 'https://login.example/{tenant}/authorize' }, tokenUrlTemplate: { value: 'https://login.example/{tenant}/token' } } })).toBeUndefined();
    expect(oauthEndpoints({ identityProvider: 'oauth2', customParameters: 'odd' })).toBeUndefined();
  });

  it('splits one space-joined scope string, and keeps scope names with spaces in a longer list', () => {
    expect(oauthScopes({ scopes: ['read write offline_access'] })).toEqual(['read', 'write', 'offline_access']);
    expect(oauthScopes({ scopes: ['View Surveys', 'View Responses'] })).toEqual(['View Surveys', 'View Responses']);
    expect(oauthScopes({ scopes: 'x' })).toEqual([]);
  });
});

describe('authOptions', () => {
  it('gives each connection parameter set a scheme, or says why it has none', () => {
    const properties = {
      connectionParameterSets: {
        values: [
          { name: 'key', uiDefinition: { displayName: 'API key' }, parameters: { api_key: { type: 'securestring' } } },
          { name: 'basic', parameters: { username: { type: 'securestring' }, password: { type: 'securestring' } } },
          { name: 'gateway', parameters: { gateway: { type: 'gatewaySetting' } } },
          { name: 'open', parameters: { region: { type: 'string' } } },
          'odd',
        ],
      },
      policyTemplateInstances: [{ templateId: 'setheader', parameters: { 'x-ms-apimTemplateParameter.name': 'X-Key', 'x-ms-apimTemplateParameter.value': "@connectionParameters('api_key')" } }],
    };
    expect(authOptions({}, properties)).toEqual([
      { name: 'key', label: 'API key', at: '/properties/connectionParameterSets/values/0', scheme: { type: 'apiKey', in: 'header', name: 'X-Key', parameter: 'api_key' } },
      { name: 'basic', at: '/properties/connectionParameterSets/values/1', scheme: { type: 'basic' } },
      { name: 'gateway', at: '/properties/connectionParameterSets/values/2', why: 'it signs in through an on-premises data gateway' },
      { name: 'open', at: '/properties/connectionParameterSets/values/3', scheme: { type: 'none' } },
    ]);
  });

  it('finds OAuth declared only in the connection parameters', () => {
    const options = authOptions({}, { connectionParameters: { token: { type: 'oauthSetting', oAuthSettings: { identityProvider: 'github', scopes: ['repo'] } } } });
    expect(options).toEqual([{ name: 'oauth2', at: '/properties/connectionParameters/token', scheme: { type: 'oauth2', authorizationUrl: 'https://github.com/login/oauth/authorize', tokenUrl: 'https://github.com/login/oauth/access_token', scopes: ['repo'], provider: 'github' } }]);
    expect(authOptions({}, { connectionParameters: 'odd', connectionParameterSets: { values: 'odd' } } as never)).toEqual([]);
  });
});
