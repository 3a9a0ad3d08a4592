/**
 * Every component's stylesheet, imported once by app.tsx (after the theme in app.scss) as well as by
 * the component itself. In the mini-program this puts each of them once into the main package's
 * common.wxss; imported only from components that subpackage pages use, they would be copied into
 * every subpackage. In H5 they load with the app, as app.scss does. Add a line per new stylesheet.
 */
import './CallButtons/index.scss';
import './ConfirmStep/index.scss';
import './ConsentCard/index.scss';
import './ElderToggle/index.scss';
import './HelpCard/index.scss';
import './HelpSteps/index.scss';
import './LoggedNote/index.scss';
import './Notice/index.scss';
import './Progress/index.scss';
import './QuickLinks/index.scss';
import './Tabs/index.scss';
import './Tag/index.scss';
