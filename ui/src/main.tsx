import { render } from "preact";
import { App } from "./app";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/screens.css";
import "./styles/approval.css";
import "./styles/sales.css";
import "./styles/checkout.css";
import "./styles/admin.css";
import "./styles/perms.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
