"""Write the made-up export fixtures of tests/test_formats_*.py.

Every title, id and number here is invented; the files reproduce the byte
level quirks of each platform's export (encodings, BOMs, quoting, localised
headers, Total rows, footers, soft hyphens, yearless dates, banner rows ...)
as described in the project's export-format notes. Run from anywhere:

    python tests/data/formats/make_fixtures.py            # rewrite the fixtures beside this script
    python tests/data/formats/make_fixtures.py --out DIR  # write them somewhere else

The output is deterministic (fixed zip and workbook times): a test checks
that this script reproduces the committed files byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE
SHY = "\u00ad"  # soft hyphen
NNBSP = "\u202f"  # narrow no-break space (French thousands separator)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def write(rel: str, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    path = OUT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def write_bytes(rel: str, data: bytes) -> None:
    path = OUT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def zip_of(members: dict[str, bytes], compress: bool = True) -> bytes:
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


def xlsx_of(sheet: str, rows: list[list[object]], merge: str | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    fixed = dt.datetime(2026, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # re-pack with fixed entry times so the bytes do not depend on the clock
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    members = {i.filename: src.read(i.filename) for i in src.infolist()}
    members["docProps/core.xml"] = re.sub(  # openpyxl stamps the save time here
        rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", members["docProps/core.xml"])
    return zip_of(members)


def lines(rows: list[str], newline: str = "\n", final: bool = True) -> str:
    return newline.join(rows) + (newline if final else "")


def quoted(rows: list[list[str]]) -> list[str]:
    return [",".join('"' + c.replace('"', '""') + '"' for c in r) for r in rows]


# ---------------------------------------------------------------- YouTube Studio
def youtube() -> None:
    write("youtube/en/Table data.csv", lines([
        "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,"
        "Impressions click-through rate (%),Average view duration,Average percentage viewed (%)",
        "Total,,,,5200,120.5,7,64000,4.2,0:01:23,41.5",
        ' -Ab3dEfGh12,"Pancakes, fast 🥞","Sep 27, 2024",978,3000,80.25,9,40000,5.02,0:01:36,38.1',
        'Xy_9kLmN0pQ,"I read ""How to cook""","Aug 8, 2023",59,1500,30.25,-2,16000,3.5,1:12,70',
        "Zz00Zz00Zz0,Old clip,,4506,700,10,0,8000,2.25,0:00:51,",
        "Showing top 500 results",
    ]))
    # Chart data for one metric (revenue), and a chart without metric (header only).
    write("youtube/en/Chart data.csv", lines([
        "Date,Content,Video title,Video publish time,Duration,Estimated revenue (USD)",
        '2024-09-26, -Ab3dEfGh12,"Pancakes, fast 🥞","Sep 27, 2024",978,0.412',
        '2024-09-27, -Ab3dEfGh12,"Pancakes, fast 🥞","Sep 27, 2024",978,1.5',
        '2024-09-27,Xy_9kLmN0pQ,"I read ""How to cook""","Aug 8, 2023",59,0',
    ]))
    write("youtube/en/empty_chart/Chart data.csv", lines([
        "Date,Content,Video title,Video publish time,Duration,New viewers"]))
    write("youtube/en/Totals.csv", lines(["Date,Subscribers", "2024-09-26,4", "2024-09-27,-2", "2024-09-28,"]))

    # German 2021: soft hyphens in headers, in the Total cell and in the footer; English publish dates.
    de_table = lines([
        f"Vi{SHY}deo,Vi{SHY}deo{SHY}ti{SHY}tel,Ver{SHY}öf{SHY}fent{SHY}li{SHY}chungs{SHY}zeit{SHY}punkt des "
        f"Vi{SHY}de{SHY}os,Auf{SHY}ru{SHY}fe,Wie{SHY}der{SHY}ga{SHY}be{SHY}zeit (Stun{SHY}den),"
        f"Abon{SHY}nen{SHY}ten,Im{SHY}pres{SHY}sio{SHY}nen,Klick{SHY}ra{SHY}te der Im{SHY}pres{SHY}sio{SHY}nen (%)",
        f"Ge{SHY}samt,,,1234,56.7891,3,20000,6.17",
        'aB1cD2eF3gH,Brot backen,"Aug 19, 2011",1000,50.5,4,15000,6.67',
        ' -Qw98Er76Ty,Kuchen ohne Ofen,"Mar 2, 2019",234,6.2891,-1,5000,4.68',
        f"Die 500 bes{SHY}ten Er{SHY}geb{SHY}nis{SHY}se wer{SHY}den an{SHY}ge{SHY}zeigt",
    ])
    de_chart = lines([
        f"Da{SHY}tum,Vi{SHY}deo,Vi{SHY}deo{SHY}ti{SHY}tel,Ver{SHY}öf{SHY}fent{SHY}li{SHY}chungs{SHY}zeit{SHY}punkt "
        f"des Vi{SHY}de{SHY}os,Auf{SHY}ru{SHY}fe",
        '2024-01-01,aB1cD2eF3gH,Brot backen,"Aug 19, 2011",400',
        '2024-01-02,aB1cD2eF3gH,Brot backen,"Aug 19, 2011",350',
        '2024-01-03,aB1cD2eF3gH,Brot backen,"Aug 19, 2011",250',
        '2024-01-01, -Qw98Er76Ty,Kuchen ohne Ofen,"Mar 2, 2019",100',
        '2024-01-02, -Qw98Er76Ty,Kuchen ohne Ofen,"Mar 2, 2019",84',
        '2024-01-03, -Qw98Er76Ty,Kuchen ohne Ofen,"Mar 2, 2019",50',
    ])
    de_totals = lines([f"Da{SHY}tum,Auf{SHY}ru{SHY}fe", "2024-01-01,500", "2024-01-02,434", "2024-01-03,300"])
    write_bytes("youtube/de/Inhalte 2024-01-01_2024-01-03 Backstube.zip", zip_of({
        "Tabellendaten.csv": de_table.encode(), "Diagrammdaten.csv": de_chart.encode(),
        "Gesamtwerte.csv": de_totals.encode()}))

    write("youtube/pt/Dados da tabela.csv", lines([
        "Conteúdo,Título do vídeo,Horário de publicação do vídeo,Visualizações,Tempo de exibição (horas),"
        "Inscritos,Receita estimada (USD),Impressões,Taxa de cliques de impressões (%)",
        "Total,,,2100,40.125,5,12.345,30000,7",
        'pT1aaaaaaaa,Receita de bolo,"Mar 25, 2023",2000,39.125,6,12.3,28000,7.14',
        'pT2bbbbbbbb,Café da manhã,"Jun 21, 2023",100,1,-1,0.045,2000,5',
        "Mostrando os primeiros 500 resultados,",
    ]))
    write("youtube/es/Datos de la tabla.csv", lines([
        "Contenido,Título del vídeo,Hora de publicación del vídeo,Duración,Visualizaciones,"
        "Tiempo de visualización (horas),Suscriptores,Impresiones,Porcentaje de clics de las impresiones (%),"
        "Ingresos estimados (USD)",
        "Total,,,,900,15,2,10000,9,3.5",
        'eS1cccccccc,Tortilla española,"Feb 3, 2025",600,800,14.5,2,9000,8.89,3.25',
        'eS2dddddddd,Gazpacho,"Jul 14, 2025",45,100,0.5,0,1000,10,0.25',
        "Mostrando los 500 resultados principales",
    ]))
    # French: decimal commas (quoted), narrow no-break spaces as thousands separators, French dates.
    write("youtube/fr/Données du tableau.csv", lines([
        "Contenu,Titre de la vidéo,Heure de publication de la vidéo,Durée,Vues engagées,Vues,"
        "Ont continué de regarder (%),Durée moyenne de visionnage,Pourcentage moyen regardé (%)",
        f'Total,,,,"30{NNBSP}500","31{NNBSP}000","60,5",0:01:10,"48,2"',
        f'fR1eeeeeeee,Crêpes,"28 sept. 2026",312,"28{NNBSP}000","28{NNBSP}500","62,1",0:01:12,"50,5"',
        'fR2ffffffff,Soupe à l\'oignon,"3 févr. 2026",95,"2500","2500","41,25",0:00:48,"21,75"',
        "Affichage des 500 premiers résultats",
    ]))
    # Japanese: 合計 total row, yyyy/mm/dd publish dates, quoted thousands, full-width parentheses.
    write("youtube/ja/表データ.csv", lines([
        "コンテンツ,動画のタイトル,動画公開時刻,長さ,視聴回数,総再生時間（単位: 時間）,平均視聴時間,平均再生率 (%),"
        "インプレッション数,インプレッションのクリック率 (%)",
        '合計,,,,"1,334",25.5,0:01:09,35.5,"12,000",4.4',
        'jA1gggggggg,おにぎりの作り方,2026/10/07,180,"1,234",24.25,0:01:11,39.4,"11,000",4.55',
        "jA2hhhhhhhh,味噌汁,2026/09/30,60,100,1.25,0:00:45,75,1000,3",
    ]))
    # Traditional Chinese: 總計 total row, row-cap footer, TWD revenue.
    write("youtube/zh_tw/表格資料.csv", lines([
        "內容,影片標題,影片發布時間,時間長度,互動觀看次數,平均觀看比例 (%),非重複觀眾人數,回訪的觀眾,"
        "獲得的訂閱人數,流失的訂閱人數,已新增留言,預估收益 (TWD),觀看次數",
        "總計,,,,520,44,400,60,12,2,9,150.5,600",
        'tW1iiiiiiii,滷肉飯,"Jan 5, 2026",240,500,45.5,380,55,11,1,8,140,570',
        'tW2jjjjjjjj,珍珠奶茶,"Dec 24, 2025",30,20,20,20,5,1,1,1,10.5,30',
        "目前顯示最熱門的 500 項結果",
    ]))


# ---------------------------------------------------------------- Reporting API
def reporting_api() -> None:
    # channel_basic_a2, columns in a shuffled order, one channel-level row (empty video_id), lower-case enums.
    write("reporting_api/channel_basic_a2_20260610.csv", lines([
        "video_id,date,views,channel_id,country_code,live_or_on_demand,subscribed_status,likes,"
        "watch_time_minutes,average_view_duration_seconds,average_view_duration_percentage,subscribers_gained,"
        "subscribers_lost,comments,shares,dislikes",
        "vidAAAAAAA1,20260610,100,UCmadeUpChannel0000000001,US,ON_DEMAND,SUBSCRIBED,10,250.5,150.3,40.5,2,0,1,1,0",
        "vidAAAAAAA1,20260610,50,UCmadeUpChannel0000000001,DE,on_demand,unsubscribed,2,100,120,30,0,1,0,0,0",
        "vidBBBBBBB2,20260610,30,UCmadeUpChannel0000000001,US,LIVE,UNSUBSCRIBED,1,60,120,25,1,0,2,0,0",
        ",20260610,0,UCmadeUpChannel0000000001,US,ON_DEMAND,UNSUBSCRIBED,0,0,0,0,3,0,0,0,0",
        "vidAAAAAAA1,20260611,20,UCmadeUpChannel0000000001,US,ON_DEMAND,SUBSCRIBED,1,30,90,20,0,0,0,0,0",
    ]))
    write("reporting_api/channel_basic_a3_20260612.csv", lines([
        "date,channel_id,video_id,live_or_on_demand,subscribed_status,country_code,engaged_views,views,"
        "comments,likes,dislikes,shares,watch_time_minutes,average_view_duration_seconds,"
        "average_view_duration_percentage,subscribers_gained,subscribers_lost,red_views,red_watch_time_minutes",
        "20260612,UCmadeUpChannel0000000001,vidAAAAAAA1,ON_DEMAND,SUBSCRIBED,US,70,80,0,4,0,1,160,120,44.4,1,0,3,5",
    ]))
    write("reporting_api/channel_reach_basic_a1_20260610.csv", lines([
        "date,channel_id,video_id,live_or_on_demand,subscribed_status,country_code,"
        "video_thumbnail_impressions,video_thumbnail_impressions_ctr",
        "20260610,UCmadeUpChannel0000000001,vidAAAAAAA1,ON_DEMAND,SUBSCRIBED,US,1000,0.05",
        "20260610,UCmadeUpChannel0000000001,vidAAAAAAA1,ON_DEMAND,UNSUBSCRIBED,US,3000,0.01",
    ]))
    write("reporting_api/channel_basic_a2_20260613.csv", lines([
        "date,channel_id,video_id,live_or_on_demand,subscribed_status,country_code,views,comments,likes"]))
    # After a spreadsheet round trip: dates as 20260614.0
    write("reporting_api/resaved/channel_basic_a2_20260614.csv", lines([
        "date,channel_id,video_id,country_code,views,watch_time_minutes",
        "20260614.0,UCmadeUpChannel0000000001,vidAAAAAAA1,US,12,6",
    ]))


# ---------------------------------------------------------------- TikTok Studio
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]
_RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]


def tiktok_csv(rows: list[list[str]]) -> str:
    """UTF-8 with BOM is added by write(); every field quoted, LF, no trailing newline."""
    return lines(quoted(rows), final=False)


def tiktok() -> None:
    # Spanish UI: English headers, "8 de marzo" dates (export day 2026-03-10).
    write("tiktok/es/Overview.csv", tiktok_csv([
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        ["7 de marzo", "120", "4", "10", "2", "1"],
        ["8 de marzo", "300", "9", "25", "-1", "3"],
        ["9 de marzo", "undefined", "0", "0", "0", "0"],
    ]), bom=True)
    # 365-day Overview wrapping over New Year: 2025-02-28 .. 2026-02-27, views = day number (1..365).
    start = dt.date(2025, 2, 28)
    rows = [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares", "New followers"]]
    for i in range(365):
        d = start + dt.timedelta(days=i)
        rows.append([f"{_EN_MONTHS[d.month - 1]} {d.day}", str(i + 1), "1", "0", "0", "0", "2" if i % 2 else "-1"])
    overview = b"\xef\xbb\xbf" + tiktok_csv(rows).encode()
    epoch_last = int(dt.datetime(2026, 2, 27, tzinfo=dt.timezone.utc).timestamp())
    write_bytes(f"tiktok/year/Overview_2025-02-28_{epoch_last}_kitchenlab.zip",
                zip_of({"Overview.csv": overview}, compress=False))
    write_bytes("tiktok/year/Overview.csv", overview)
    # en-GB "28 May" viewers, ru "28 апреля" follower history.
    write("tiktok/gb/Viewers.csv", tiktok_csv([
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        ["27 May", "undefined", "0", "0"], ["28 May", "713", "711", "2"], ["29 May", "80", "70", "10"],
    ]), bom=True)
    write("tiktok/ru/FollowerHistory.csv", tiktok_csv([
        ["Date", "Followers", "Difference in followers from previous day"],
        ["27 апреля", "undefined", "0"], ["28 апреля", "152", "115"], ["29 апреля", "135", "-17"],
    ]), bom=True)
    # Followers zip: history, hourly activity, gender, territories (zip entries stored, no folders).
    hist = tiktok_csv([["Date", "Followers", "Difference in followers from previous day"],
                       ["June 1", "3000", "5"], ["June 2", "3010", "10"]])
    act = [["Date", "Hour", "Active followers"]]
    for day in ("June 1", "June 2"):
        for h in range(24):
            act.append([day, str(h), str(100 + h if day == "June 1" else (0 if h >= 18 else 200 + h))])
    gender = tiktok_csv([["Gender", "Distribution"], ["Female", "0.59"], ["Male", "0.41"], ["Other", "0"]])
    terr = tiktok_csv([["Top territories", "Distribution"], ["US", "0.462"], ["GB", "0.327"],
                       ["Others", "0.211"]])
    write_bytes("tiktok/followers/Followers_kitchenlab.zip", zip_of({
        "FollowerHistory.csv": b"\xef\xbb\xbf" + hist.encode(),
        "FollowerActivity.csv": b"\xef\xbb\xbf" + tiktok_csv(act).encode(),
        "FollowerGender.csv": b"\xef\xbb\xbf" + gender.encode(),
        "FollowerTopTerritories.csv": b"\xef\xbb\xbf" + terr.encode(),
    }, compress=False))
    # Content.csv: snapshot day + yearless post days; ids from the links; an empty caption.
    write("tiktok/content/Content.csv", tiktok_csv([
        ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
         "Total views"],
        ["February 28", "Morning routine #breakfast #Oats",
         "https://www.tiktok.com/@kitchenlab/video/7500000000000000001", "July 16", "533", "32", "16", "191265"],
        ["February 28", "", "https://www.tiktok.com/@kitchenlab/video/7500000000000000002", "February 20", "1837",
         "50", "6", "30504"],
    ]), bom=True)
    write("tiktok/content/bad_link/Content.csv", tiktok_csv([
        ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
         "Total views"],
        ["February 28", "ok", "https://www.tiktok.com/@kitchenlab/video/7500000000000000003", "July 16", "1", "1",
         "1", "10"],
        ["February 28", "no id", "https://www.tiktok.com/@kitchenlab", "July 17", "1", "1", "1", "10"],
    ]), bom=True)
    # XLSX variants: one sheet named like the CSV, typed numbers.
    write_bytes("tiktok/xlsx/Overview.xlsx", xlsx_of("Overview", [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        ["April 11", 1591, 7, 10, 1, 0], ["April 12", 848, 50, 72, 12, 2]]))
    write_bytes("tiktok/xlsx/FollowerGender.xlsx", xlsx_of("FollowerGender", [
        ["Gender", "Distribution"], ["Female", 0.62], ["Male", 0.38]]))


# ---------------------------------------------------------------- Chinese platforms
def chinese() -> None:
    write("cn/kuaishou/作品列表.csv", lines([
        "作品,发布时间,播放量,完播率,评论量,点赞量,收藏量,涨粉量",
        "红烧肉做法,2026-05-01 18:30:00,1.2万,20.6%,35,880,120,15",
        "周末早餐,2026-05-03 08:05:00,9876,35%,12,301,44,-",
    ]))
    bili_header = ("视频标题,发布时间,播放量,游客播放占比,粉丝观看率,封标点击率,粉丝点击率,游客点击率,3秒跳出率,"
                   "粉丝3秒跳出率,游客3秒跳出率,互动率,粉丝互动率,游客互动率,涨粉量,播转粉率,取关量,点赞量,点赞率,"
                   "评论量,评论率,弹幕量,弹幕率,收藏量,收藏率,投币量,投币率,转发量,转发率,平均播放进度")
    bili_rows = [
        "做饭小技巧，,2026年06月03日 16:41:25,124,100%,0%,3.5星,2星,3.6星,55.9%,0%,55.9%,0.8%,0%,1.7%,0,0%,0,0,0%,"
        "0,0%,0,0%,1,0.8%,0,0%,0,0%,27%",
        "三分钟蛋炒饭,2026年05月29日 16:31:34,1.2万,100%,0%,4.2星,2星,4.3星,17.4%,0%,17.4%,5.5%,0%,5.7%,1,0.1%,"
        "0,15,1.5%,11,1.1%,3,0.2%,23,2.3%,3,0.3%,2,0.2%,39%",
    ]
    write("cn/bilibili/近期稿件对比.csv", lines([bili_header] + bili_rows, final=False), bom=True)
    # The same export re-saved by Excel on Chinese Windows: GB18030 bytes, CRLF.
    write("cn/bilibili_gbk/近期稿件对比.csv", lines([bili_header] + bili_rows, newline="\r\n"), encoding="gb18030")
    bad = bili_rows[1].replace("4.2星", "4.2x")
    write("cn/bilibili_bad/近期稿件对比.csv", lines([bili_header, bili_rows[0], bad], final=False), bom=True)
    # WeChat Channels: BOM, percent strings, 秒 durations, yyyy/mm/dd, an Excel serial day, short rows.
    write("cn/wechat/视频号动态数据明细.csv", lines([
        "视频描述,视频ID,发布时间,完播率,平均播放时长,播放量,推荐,喜欢,评论量,分享量,关注量,转发聊天和朋友圈,设为铃声,"
        "设为状态,设为朋友圈封面,企微链接点击次数,企微链接点击人数,添加到通讯录次数,添加到通讯录人数",
        '"周末做饭 #家常菜 #快手菜",export/AbCdEf123456,2026/06/25,28.64%,14.73秒,406,2,2,1,0,0,0,0,0,0',
        '"他说""好吃"" #美食",export/ZyXwVu987654,46199,4.41%,10秒,1200,5,30,4,2,1,0,0,0,0',
    ]), bom=True)
    # Xiaohongshu: banner row merged over the columns, header on row 2, numeric cells as floats.
    header = ["笔记标题", "首次发布时间", "体裁", "曝光", "观看量", "封面点击率", "点赞", "评论", "收藏", "涨粉", "分享",
              "人均观看时长", "弹幕"]
    banner = ["最多导出排序后前1000条笔记"] * len(header)
    write_bytes("cn/xiaohongshu/笔记列表明细表.xlsx", xlsx_of("Sheet1", [
        banner, header,
        ["早餐吃什么", "2026年01月05日22时30分05秒", "图文", 296.0, 237.0, 0.166, 4.0, 2.0, 1.0, 0.0, 6.0, 18.0, 0.0],
        ["", "2026年03月24日17时33分05秒", "视频", 12235.0, 6174.0, 0.221, 15.0, 41.0, 5.0, 3.0, 14.0, 17.0, 2.0],
    ], merge="A1:M1"))
    # Douyin per-work list re-saved by Excel: every cell a string, '-' for N/A, title + caption with newlines.
    write_bytes("cn/douyin/作品列表.xlsx", xlsx_of("Sheet1", [
        ["作品名称", "发布时间", "体裁", "审核状态", "播放量", "完播率", "5s完播率", "封面点击率", "2s跳出率", "平均播放时长",
         "点赞量", "分享量", "评论量", "收藏量", "主页访问量", "粉丝增量"],
        ["番茄炒蛋\n十分钟学会 #家常菜 #快手菜", "2026-04-03 21:26:39", "1min-视频", "公开", "34606", "0.366807",
         "0.366807", "-", "0.425530", "4.586155", "1155", "69", "45", "84", "6549", "277"],
        ["周末早餐合集", "2025-12-15 18:15:00", "图文", "公开", "10万+", "0.126646", "0.110710", "0.025575",
         "0.439800", "5.238548", "5190", "129", "117", "306", "7711", "342"],
    ]))
    # Douyin account overview: one metric per file, written by SheetJS as text cells.
    write_bytes("cn/douyin_daily/daily_ctr.xlsx", xlsx_of("Sheet1", [
        ["日期", "封面点击率"], ["2026-03-14", "25.00%"], ["2026-03-15", "12.50%"]]))
    write_bytes("cn/douyin_daily/daily_fans.xlsx", xlsx_of("Sheet1", [
        ["日期", "净增粉丝"], ["2026-03-14", "12"], ["2026-03-15", "-2"]]))


# ---------------------------------------------------------------- Meta Business Suite
def meta() -> None:
    reach = lines(['sep=,', '"Facebook Page reach"', '"Date","Facebook Page reach"',
                   '"2026-03-29T00:00:00","0"', '"2026-03-30T00:00:00","1520"', '"2026-03-31T00:00:00","2210"'])
    write_bytes("meta/daily/Reach.csv", b"\xff\xfe" + reach.encode("utf-16-le"))
    views = lines(['sep=,', '"Views"', '"Date","Primary"',
                   '"2026-03-30T00:00:00","4100"', '"2026-03-31T00:00:00","5321"'])
    write_bytes("meta/daily/Views.csv", b"\xff\xfe" + views.encode("utf-16-le"))
    # UTF-16 big-endian variant
    follows = lines(['sep=,', '"New likes and follows"', '"Date","New likes and follows"',
                     '"2026-03-30T00:00:00","7"', '"2026-03-31T00:00:00","3"'])
    write_bytes("meta/daily_be/Follows.csv", b"\xfe\xff" + follows.encode("utf-16-be"))
    write("meta/content/Aug-01-2025_Aug-31-2025_100000000000001.csv", lines([
        "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
        "Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves",
        '17900000000000001,17800000000000009,kitchenlab,Kitchen Lab,"𝐁𝐫𝐞𝐚𝐤𝐟𝐚𝐬𝐭 in 30s\nRecipe below #breakfast #Quick",'
        '32,08/15/2025 18:00,https://www.instagram.com/reel/AbC1/,IG reel,,Lifetime,"15,000",9800,410,120,14,20,55',
        '17900000000000002,17800000000000009,kitchenlab,Kitchen Lab,"Pantry tour",,08/03/2025 09:30,'
        'https://www.instagram.com/p/DeF2/,IG carousel,,Lifetime,"2,345",1800,98,4,0,6,31',
    ]), bom=True)
    write("meta/facebook/Sep-01-2025_Sep-30-2025_100000000000002.csv", lines([
        'Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,Post type,'
        'Data comment,Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,'
        'Seconds viewed,Average Seconds viewed',
        '100000000000002_900000000000001,100000000000002,Kitchen Lab,Soup season,"Five soups",95,09/02/2025 12:00,,'
        'https://www.facebook.com/reel/1,Reels,,Lifetime,"1,200",900,75,60,10,5,33,"3,600",3',
    ]), bom=True)
    write("meta/excel_mangled/Oct-01-2025_Oct-31-2025_100000000000001.csv", lines([
        "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
        "Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves",
        "1.79E+16,1.78E+16,kitchenlab,Kitchen Lab,Soup,20,10/02/2025 18:00,https://www.instagram.com/reel/X/,"
        "IG reel,,Lifetime,100,90,5,1,0,1,2",
    ]))


# ---------------------------------------------------------------- unknown layouts
def mapping() -> None:
    write("mapping/agency_week1.csv", lines([
        "Clip;Headline;Day;Plays;CTR;Watch (min)",
        "c-001;Knife skills;01/02/2026;1200;4,5;300",
        "c-002;Stock basics;02/02/2026;800;3,25;150,5",
    ]))
    write("mapping/agency_week2.csv", lines([
        "Clip;Headline;Day;Plays;CTR;Watch (min)",
        "c-001;Knife skills;08/02/2026;1500;4;330",
        "c-003;Sauces;09/02/2026;640;2,5;96",
    ]))
    write("mapping/agency.json", """{
  "name": "agency weekly sheet",
  "date_order": "dmy",
  "columns": {
    "Clip": "video_id",
    "Headline": "title",
    "Day": "date",
    "Plays": "views",
    "CTR": {"field": "impressions_ctr", "unit": "percent"},
    "Watch (min)": {"field": "watch_time_s", "unit": "minutes"}
  }
}
""")


# ---------------------------------------------------------------- bad files
def bad() -> None:
    write("bad/three_bad_rows.csv", lines([
        "Content,Video title,Views,Average view duration,Impressions click-through rate (%)",
        "v1,A,100,0:45,5",
        "v2,B,lots,0:50,4",
        "v3,C,300,1:2,3",
        "v4,D,1.5k,0:30,abc",
    ]))


def main(out: Path | None = None) -> None:
    global OUT
    OUT = out or HERE
    youtube()
    reporting_api()
    tiktok()
    chinese()
    meta()
    mapping()
    bad()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: beside this script)")
    main(parser.parse_args().out)
