/**
 * The NutUI components this app uses, each with its own stylesheet imported exactly once here
 * (never the full `dist/style.css`, which adds ~230 KB of wxss). Import NutUI only from this file.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Checkbox } from '@nutui/nutui-react-taro/dist/es/packages/checkbox';
