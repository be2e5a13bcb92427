// React's reply encoder, as bundled by Next.js: used to call server actions over HTTP in the access matrix.
declare module 'next/dist/compiled/react-server-dom-webpack/client.edge.js' {
  export function encodeReply(value: unknown): Promise<string | FormData>;
}
