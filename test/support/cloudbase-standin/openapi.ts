/**
 * The stand-in of wx-server-sdk's `cloud.openapi.subscribeMessage.send` (云调用): it records every
 * send and answers as WeChat does, `{ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }`, or
 * rejects with `errCode` for a recipient told to fail (43101: not subscribed). The database stand-in
 * does not cover cloud calls; a process playing a cloud function assigns this to the SDK module
 * (`Object.assign(cloud, { openapi })`), as it does for the storage calls.
 */
export interface SubscribeSend {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
}

export interface FakeOpenapi {
  openapi: { subscribeMessage: { send(args: SubscribeSend): Promise<{ errCode: number; errMsg: string }> } };
  /** Every send WeChat accepted, in order. */
  sent: SubscribeSend[];
  /** touser → errCode to refuse with. */
  failFor: Map<string, number>;
}

export function createFakeOpenapi(): FakeOpenapi {
  const sent: SubscribeSend[] = [];
  const failFor = new Map<string, number>();
  return {
    sent,
    failFor,
    openapi: {
      subscribeMessage: {
        async send(args: SubscribeSend) {
          const errCode = failFor.get(args.touser);
          if (errCode !== undefined)
            throw Object.assign(new Error(`openapi.subscribeMessage.send:fail ${errCode}`), {
              errCode,
              errMsg: `openapi.subscribeMessage.send:fail ${errCode}`,
            });
          if (!args.touser || !args.templateId || !args.data) throw Object.assign(new Error('invalid args'), { errCode: 47003, errMsg: 'argument invalid' });
          sent.push(structuredClone(args));
          return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
        },
      },
    },
  };
}
