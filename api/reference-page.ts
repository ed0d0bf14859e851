/** A readable API reference from the bundled swagger-ui: no CDN, works offline. */
export function apiReferencePage(assets: string, initScript: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Inflyttarvägledning API reference</title>
  <link rel="stylesheet" href="${assets}/swagger-ui.css">
</head>
<body>
  <div id="api"></div>
  <script src="${assets}/swagger-ui-bundle.js"></script>
  <script src="${initScript}"></script>
</body>
</html>`;
}

export function apiReferenceInitScript(specUrl: string): string {
  return `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#api', deepLinking: true });\n`;
}
