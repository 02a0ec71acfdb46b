// Sign-in with Microsoft Entra ID through App Service's built-in authentication ("Easy Auth"), deployed only when
// main.bicep is given an app registration's client id. The platform signs users in and passes each request on with
// the user in X-MS-CLIENT-PRINCIPAL (a header it removes from what clients send); FollowUp decides what the user may
// do (FollowUp:Auth:EntraEnabled and EntraRole, which function.bicep sets alongside this).

@description('Name of the function app.')
param functionAppName string

@description('Client id of the Entra ID app registration users sign in to.')
param clientId string

@description('Tenant of that app registration.')
param tenantId string

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      // The platform signs in whoever comes with a session or a token and lets everyone else through; the app decides.
      // RedirectToLoginPage (or Return401) would refuse every request without a signed-in user: customers' answer and
      // unsubscribe links (/r/, /u/), SendGrid's webhook (/webhooks/), health probes, and every caller of /api that
      // sends a key instead. excludedPaths would not mend that: it exempts paths from required authentication, and
      // /api can be neither exempt (the console's requests there must carry the signed-in user) nor required (key
      // callers have no Entra session). With authentication not required there is nothing to exclude, so none is
      // listed, and every route keeps working anonymously as before; FollowUp's ApiGate refuses /api without a key or
      // a user who holds the app role.
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          // The v2.0 endpoint of the app registration's tenant (environment() names the cloud's sign-in host).
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: {
          // Tokens for this registration, by client id or by its default application id URI.
          allowedAudiences: [
            clientId
            'api://${clientId}'
          ]
        }
        login: {
          // The ID token then names the user (preferred_username), which versions record as who saved.
          loginParameters: [
            'scope=openid profile email'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

output name string = auth.name
