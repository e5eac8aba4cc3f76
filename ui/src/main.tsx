import { render } from "preact";
import { App } from "./app";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/screens.css";
// The first-run store setup (before the desk screens load) is styled here too.
import "./styles/staff-admin.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
