namespace Scout.Core.Api;

/// <summary>The OpenAPI 3.1 description served at /openapi.json (kept in step with ScoutApi's routes by a test).</summary>
public static class OpenApiDocument
{
    public static readonly byte[] Utf8 = System.Text.Encoding.UTF8.GetBytes(Json);

    public const string Json = """
    {
      "openapi": "3.1.0",
      "info": { "title": "Scout.Serverless API", "version": "1.0.0",
        "description": "Container supply-chain analysis: upload image metadata and SBOMs, read packages and advisory findings." },
      "components": {
        "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "Tenant API key from `scout tenants create`" } },
        "schemas": {
          "Error": { "type": "object", "required": ["error", "detail"],
            "properties": { "error": { "type": "string" }, "detail": { "type": "string" } } },
          "UploadEnvelope": { "type": "object", "required": ["image"], "additionalProperties": false,
            "properties": {
              "image": { "type": "object", "required": ["digest"], "properties": {
                "digest": { "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" }, "createdAt": { "type": "string", "format": "date-time" },
                "exposedPorts": { "type": "array", "items": { "type": "string" } },
                "env": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "value": { "type": "string" } } } },
                "labels": { "type": "object", "additionalProperties": { "type": "string" } },
                "layers": { "type": "array", "items": { "type": "string" } }, "architecture": { "type": "string" },
                "os": { "type": "object", "properties": { "type": { "type": "string" }, "version": { "type": "string" } } },
                "registry": { "type": "object", "properties": { "url": { "type": "string" }, "type": { "type": "string" } } } } },
              "sbom": { "type": "object", "description": "CycloneDX, SPDX, Syft JSON, in-toto statement or DSSE envelope" },
              "sbomBase64": { "type": "string", "description": "XML or tag-value document, base64" },
              "environment": { "type": "object", "required": ["namespace", "workloadName", "workloadType"], "properties": {
                "namespace": { "type": "string" }, "workloadName": { "type": "string" }, "workloadType": { "type": "string" } } } } },
          "Finding": { "type": "object", "required": ["id", "kind"], "properties": {
            "id": { "type": "string" }, "aliases": { "type": "array", "items": { "type": "string" } },
            "kind": { "enum": ["vulnerability", "secret", "indeterminate"] }, "purl": { "type": "string" },
            "installedVersion": { "type": "string" }, "affectedRanges": { "type": "array", "items": { "type": "string" } },
            "fixedVersions": { "type": "array", "items": { "type": "string" } },
            "fixState": { "enum": ["fixed", "not-fixed", "wont-fix", "unknown"] },
            "severity": { "enum": ["critical", "high", "medium", "low", "unknown"] },
            "cvss": { "type": "object", "properties": { "version": { "type": "string" }, "vector": { "type": "string" }, "score": { "type": "number" } } },
            "source": { "type": "string" }, "advisoryModified": { "type": "string", "format": "date-time" }, "snapshot": { "type": "string" },
            "matchType": { "type": "string" }, "suppressed": { "type": "boolean" },
            "vex": { "type": "object", "properties": { "status": { "type": "string" }, "justification": { "type": "string" } } },
            "location": { "enum": ["env", "label"] }, "name": { "type": "string" }, "rule": { "type": "string" } } }
        },
        "responses": {
          "BadRequest": { "description": "the request is wrong; detail names the field", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "Unauthorized": { "description": "missing or invalid API key", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
          "NotFound": { "description": "no such resource for this tenant", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        }
      },
      "security": [ { "bearer": [] } ],
      "paths": {
        "/healthz": { "get": { "security": [], "summary": "liveness", "responses": { "200": { "description": "ok" } } } },
        "/openapi.json": { "get": { "security": [], "summary": "this document", "responses": { "200": { "description": "OpenAPI" } } } },
        "/v1/images": {
          "post": { "summary": "upload image metadata and an SBOM (gzip Content-Encoding accepted)",
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/UploadEnvelope" } } } },
            "responses": { "202": { "description": "accepted: {uploadId, status}" }, "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" }, "413": { "description": "body over the size caps" } } },
          "get": { "summary": "the tenant's images, paged", "parameters": [
              { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500 } },
              { "name": "pageToken", "in": "query", "schema": { "type": "string" } } ],
            "responses": { "200": { "description": "{images, nextPageToken}" } } } },
        "/v1/uploads/{id}": { "get": { "summary": "upload status: queued | analyzing | done | failed (with reason)",
          "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "status" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}": { "get": { "summary": "image metadata, packageCount, findingCounts (with byOrigin), environments, baseImage",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "image" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/packages": { "get": { "summary": "canonical package records",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "limit", "in": "query", "schema": { "type": "integer" } }, { "name": "pageToken", "in": "query", "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{packages, total, nextPageToken}" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/findings": { "get": { "summary": "findings (vulnerabilities, secrets, indeterminate matches)",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "kind", "in": "query", "schema": { "type": "string" } }, { "name": "severity", "in": "query", "schema": { "type": "string" } },
            { "name": "limit", "in": "query", "schema": { "type": "integer" } }, { "name": "pageToken", "in": "query", "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{findings: [Finding], total, nextPageToken}" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/recommendations": { "get": { "summary": "base image candidates (catalog tags of the base's repository) and package fix versions",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{baseImage: {current, candidates}, packages: [{purl, fixedVersion, fixes}]}" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/vex": { "post": { "summary": "attach an OpenVEX or CycloneDX VEX document; findings are re-matched",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{documentId, format}" }, "400": { "$ref": "#/components/responses/BadRequest" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/analyze/local": { "post": { "summary": "match purls and layer digests only; nothing is stored",
          "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "additionalProperties": false,
            "required": ["purls"], "properties": { "purls": { "type": "array", "items": { "type": "string" } },
              "layerDigests": { "type": "array", "items": { "type": "string" } } } } } } },
          "responses": { "200": { "description": "{packages, findings, warnings}" }, "400": { "$ref": "#/components/responses/BadRequest" } } } },
        "/v1/environments": { "post": { "summary": "link a runtime environment (namespace, workload) to an image digest",
          "responses": { "201": { "description": "linked" }, "400": { "$ref": "#/components/responses/BadRequest" } } },
          "get": { "summary": "every workload linked to one of the tenant's images, with the image's finding counts",
          "responses": { "200": { "description": "{workloads: [{namespace, workloadName, workloadType, seenAt, imageDigest, registry, findingCounts}]}" } } } },
        "/v1/trend": { "get": { "summary": "the tenant's daily snapshots of finding counts, oldest first",
          "parameters": [ { "name": "days", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 90 } } ],
          "responses": { "200": { "description": "{days: [{day, images, counts, recordedAt}], retentionDays}" }, "400": { "$ref": "#/components/responses/BadRequest" } } } },
        "/v1/advisories/status": { "get": { "summary": "advisory freshness: per feed and ecosystem the cursor, pending retries, last refresh, poll and change (as scout advisories status), and whether the last poll is stale",
          "responses": { "200": { "description": "{feeds: [{feed, ecosystem, cursor, pendingRetries: [{id, attempts, reason}], lastRefresh, lastPoll, lastChange, stale}], pollIntervalSeconds, staleAfterSeconds, checkedAt}" } } } },
        "/v1/overview": { "get": { "summary": "the tenant's totals: open vulnerabilities fixable and not fixable by severity, secrets, images per policy and status",
          "responses": { "200": { "description": "{images, fixable, notFixable, secrets, imagesWithSecrets, policy: [{policy, pass, fail, unknown}], policyNotEvaluated}" } } } },
        "/v1/advisories/{id}/images": { "get": { "summary": "the stored records for an advisory id (or its aliases) and the tenant's images it hits",
          "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "aliases", "in": "query", "schema": { "type": "string" }, "description": "comma-separated alias ids (at most 50)" } ],
          "responses": { "200": { "description": "{id, advisories: [OSV], images: [{digest, registry, findingId, purl, installedVersion, severity, fixState, suppressed}]}" },
            "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{a}/compare/{b}": { "get": { "summary": "what changed from image a (before) to b (after): packages, findings, counts, base image",
          "parameters": [ { "name": "a", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "b", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["json", "markdown"] } } ],
          "responses": { "200": { "description": "{packages: {added, removed, upgraded, downgraded, indeterminate}, findings: {fixed, new, unchanged}, findingCounts: {before, after}, baseImage: {before, after}, warnings} or markdown" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/sbom": { "get": { "summary": "the stored packages as CycloneDX 1.6 JSON or SPDX 2.3 JSON",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["cyclonedx", "spdx"] } } ],
          "responses": { "200": { "description": "the SBOM document" }, "400": { "$ref": "#/components/responses/BadRequest" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/images/{digest}/policy": { "get": { "summary": "the image's policy results",
          "parameters": [ { "name": "digest", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{results: [{policy, status: pass|fail|unknown, reasons}], evaluatedAt}" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/webhooks": { "get": { "summary": "the tenant's webhooks (never their secrets)", "responses": { "200": { "description": "{webhooks: [{id, url, minSeverity, events, createdAt}]}" } } },
          "post": { "summary": "subscribe {url, secret, minSeverity, events} to finding.added and/or policy.changed",
            "responses": { "201": { "description": "{id}" }, "400": { "$ref": "#/components/responses/BadRequest" } } } },
        "/v1/webhooks/{id}": { "delete": { "summary": "unsubscribe",
          "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "204": { "description": "deleted" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/webhooks/{id}/deliveries": { "get": { "summary": "what became of the webhook's events: counts by status and the newest 100 deliveries",
          "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "{webhookId, counts: {pending, delivered, dead}, deliveries: [{id, type, status, attempts, lastError, updatedAt}]}" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
        "/v1/policy": { "get": { "summary": "the tenant's policy configuration", "responses": { "200": { "description": "PolicyConfig" } } },
          "put": { "summary": "set any subset of the policies (enabled and settings; highProfileVulnerabilities.kev imports a KEV catalog); re-evaluates the tenant's images",
            "responses": { "200": { "description": "{policy, imagesEvaluated}" }, "400": { "$ref": "#/components/responses/BadRequest" } } } },
        "/v1/advisories/{id}": { "get": { "summary": "an OSV advisory as stored",
          "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
          "responses": { "200": { "description": "OSV JSON" }, "404": { "$ref": "#/components/responses/NotFound" } } } }
      }
    }
    """;
}
