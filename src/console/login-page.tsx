import { ConsoleLayout } from './layout.js';

export function LoginPage(props: { csrf: string; error?: string }) {
  return (
    <ConsoleLayout title="Sign in" session={null}>
      <h1>Sign in</h1>
      <p>Sign in with an API token: <code>LOOKOUT_ADMIN_TOKEN</code>, a token from the config, or one made in the console.</p>
      {props.error && <p role="alert" class="error">{props.error}</p>}
      <form method="post" action="/admin/login" class="stack">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
    </ConsoleLayout>
  );
}
