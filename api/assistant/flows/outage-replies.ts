import { monthDay, shanghaiDate, shanghaiTime } from '../../standard/beijing-time.js';

/** What an outage message needs of the outage. */
export interface OutageFacts {
  number: string;
  kind: 'planned' | 'fault';
  areas: string[];
  startsAt: Date;
  endsAt: Date | null;
  expectedRestoreAt: Date | null;
  reason: string;
}

/** '12月8日 08:00—12:00', or across days '12月8日 22:00 至 12月9日 06:00' (Beijing time). */
export function outageWindow(startsAt: Date, endsAt: Date | null): string {
  const start = `${monthDay(startsAt)} ${shanghaiTime(startsAt)}`;
  if (!endsAt) return `${start}起`;
  if (shanghaiDate(startsAt) === shanghaiDate(endsAt)) return `${start}—${shanghaiTime(endsAt)}`;
  return `${start} 至 ${monthDay(endsAt)} ${shanghaiTime(endsAt)}`;
}

/** '12月8日 14:30' (Beijing time). */
export function beijingMoment(instant: Date): string {
  return `${monthDay(instant)} ${shanghaiTime(instant)}`;
}

const restoreText = (outage: OutageFacts) => {
  const at = outage.expectedRestoreAt ?? (outage.kind === 'planned' ? outage.endsAt : null);
  return at ? `预计${beijingMoment(at)}恢复供电` : '恢复时间正在评估中，抢修人员正在处理';
};

const areaList = (areas: string[]) => areas.join('、');

/** Customer-facing sentences about outages (Simplified Chinese; times in Beijing time). */
export const OUTAGE_REPLIES = {
  askArea:
    '请告诉我您的地址（路名和门牌号，或小区名）或所在供电片区，我帮您查询该片区的停电计划和故障停电信息。',
  unknownArea:
    '抱歉，没有找到这个地址所在的供电片区。请换个说法（路名、小区名或片区名），或拨打95598供电服务热线查询。',
  /** The planned outages of the next days and any fault now, for an area. */
  areaReport(area: string, planned: OutageFacts[], faults: OutageFacts[]): string {
    const lines: string[] = [];
    for (const fault of faults) {
      lines.push(
        fault.kind === 'fault'
          ? `${area}目前有一起故障停电（编号${fault.number}），原因：${fault.reason}，${restoreText(fault)}。`
          : `${area}正在计划停电（编号${fault.number}）：${outageWindow(fault.startsAt, fault.endsAt)}，原因：${fault.reason}。`,
      );
    }
    if (planned.length > 0) {
      lines.push(
        `${area}未来14天的计划停电：\n${planned
          .map(
            (p) =>
              `· ${outageWindow(p.startsAt, p.endsAt)}（北京时间），原因：${p.reason}（编号${p.number}）`,
          )
          .join('\n')}`,
      );
    }
    if (lines.length === 0) {
      return `${area}目前没有已知的停电计划或故障停电。如果您家里现在没有电，可以在这里直接说“家里停电了”报修，或拨打95598供电服务热线。`;
    }
    return lines.join('\n');
  },
  /** A fault report absorbed by a known outage: no new repair case. */
  absorbed(area: string, outage: OutageFacts): string {
    const what =
      outage.kind === 'fault'
        ? `一起已知的故障停电（编号${outage.number}），原因：${outage.reason}，${restoreText(outage)}`
        : `计划停电（编号${outage.number}），时间：${outageWindow(outage.startsAt, outage.endsAt)}，原因：${outage.reason}`;
    return `您所在的${area}目前有${what}。我们已经知道这次停电，抢修人员正在处理，您无需重复报修；恢复供电后会在这里通知您。如果您家的情况不一样（例如邻居家有电、只有您家停电），请回复“我家情况不一样”，我们为您单独登记报修。`;
  },
  /** Told to linked customers when staff mark the outage restored. */
  restored: (outage: OutageFacts) =>
    `【恢复供电】${areaList(outage.areas)}的停电（编号${outage.number}）已恢复供电。如果您家里仍然没有电，请在这里回复“家里还是没电”，我们为您登记报修，或拨打95598。`,
  /** Told to linked customers when the expected restoration (or a planned end) changes. */
  newRestoreTime: (outage: OutageFacts) =>
    `【停电进展】${areaList(outage.areas)}的停电（编号${outage.number}）${restoreText(outage)}。恢复供电后我们会再通知您。`,
  /** A fault staff cancelled (it was not one): linked customers are told. */
  faultCancelled: (outage: OutageFacts) =>
    `【停电信息更正】此前登记的${areaList(outage.areas)}停电（编号${outage.number}）已核实解除。如果您家里仍然没有电，请在这里回复“家里停电了”报修，或拨打95598。`,
  /** A planned-outage notice: days before, or the day before. */
  notice: (outage: OutageFacts, dayBefore: boolean) =>
    `【${dayBefore ? '停电提醒' : '停电通知'}】因${outage.reason}，${areaList(outage.areas)}计划于${outageWindow(outage.startsAt, outage.endsAt)}（北京时间）停电（编号${outage.number}）。请提前做好准备，停电期间请勿接触电力设施。回复“退订停电通知”可不再接收此类通知。`,
  noticeCancelled: (outage: OutageFacts) =>
    `【停电取消】原定于${outageWindow(outage.startsAt, outage.endsAt)}（北京时间）在${areaList(outage.areas)}的计划停电（编号${outage.number}）已取消，届时正常供电。`,
  unsubscribed: '已为您退订停电通知，今后不再向您发送计划停电通知。需要时回复“订阅停电通知”即可重新订阅。',
  subscribed:
    '已为您订阅停电通知：您验证过的户号所在片区有计划停电时，我们会提前7天和前一天在这里通知您。回复“退订停电通知”可随时退订。',
  subscribeNeedsAccount:
    '已为您开启停电通知。停电通知按户号所在片区发送，请先验证户号（例如发送“查电费”并按提示输入户号和手机号后四位）。',
};
