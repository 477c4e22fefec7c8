"""Header names of the platforms' exports, by UI language, mapped to canonical columns.

Keys are normalised headers (see ``normalise_header``: NFKC, no soft hyphens,
case-folded). Each metric maps to ``(column, kind, option)``:

* ``count``: integer count (``option`` unused);
* ``rate``: fraction; ``option`` is ``"percent"`` when a bare number is a
  percent (YouTube's ``(%)`` columns) or ``"fraction"``;
* ``duration``: seconds; ``option`` is the unit of a bare number in seconds
  (1, 60 for minutes, 3600 for hours);
* ``money``: amount; ``option`` is the currency code.
"""

from __future__ import annotations

VIDEO_ID = [
    "content",
    "video",
    "videos",
    "conteúdo",
    "contenido",
    "contenu",
    "コンテンツ",
    "內容",
    "内容",
    "video id",
    "video_id",
]
DATE = ["date", "datum", "data", "fecha", "日付", "日期", "时间", "時間", "day"]
TITLE = [
    "video title",
    "videotitel",
    "título do vídeo",
    "título del vídeo",
    "titre de la vidéo",
    "動画のタイトル",
    "影片標題",
    "title",
]
PUBLISHED = [
    "video publish time",
    "veröffentlichungszeitpunkt des videos",
    "horário de publicação do vídeo",
    "hora de publicación del vídeo",
    "heure de publication de la vidéo",
    "動画公開時刻",
    "影片發布時間",
    "publish time",
]
LENGTH = ["duration", "dauer", "duração", "duración", "durée", "長さ", "時間長度", "video duration"]
TOTAL_ROW = {
    "total",
    "totals",
    "gesamt",
    "合計",
    "總計",
    "总计",
    "totale",
    "totaal",
    "summe",
    "合计",
    "итого",
    "tổng",
    "totalt",
}
FOOTER_PATTERNS = [
    r"^showing top \d+",
    r"^die \d+ besten",
    r"^mostrando os primeiros",
    r"^mostrando los",
    r"^mostrando las",
    r"^目前顯示",
    r"^affichage des",
    r"^上位 ?\d+",
    r"^当前显示",
    r"^上位\d+件",
    r"^visualizzazione dei",
    r"^показаны",
]

# Breakdown dimensions (first column) other than video or date.
DIMENSIONS = {
    "geography": "geography",
    "geografie": "geography",
    "geografia": "geography",
    "geografía": "geography",
    "géographie": "geography",
    "地域": "geography",
    "地理位置": "geography",
    "country": "geography",
    "traffic source": "traffic_source",
    "quelle der zugriffe": "traffic_source",
    "origem do tráfego": "traffic_source",
    "fuente de tráfico": "traffic_source",
    "viewer age": "viewer_age",
    "idade do espectador": "viewer_age",
    "alter der zuschauer": "viewer_age",
    "viewer gender": "viewer_gender",
    "gênero do espectador": "viewer_gender",
    "device type": "device_type",
    "gerätetyp": "device_type",
    "tipo de dispositivo": "device_type",
    "subscription status": "subscription_status",
    "operating system": "operating_system",
    "playback location": "playback_location",
    "subtitles and cc": "subtitles",
    "top territories": "geography",
    "gender": "gender",
    "territory": "geography",
    "hour": "hour_of_day",
}

M = dict[str, tuple[str, str, object]]
METRICS: M = {}


def _add(names: str, column: str, kind: str, option: object = None) -> None:
    for n in names.split("|"):
        METRICS[n.strip()] = (column, kind, option)


_add(
    "views|video views|aufrufe|visualizações|visualizaciones|vues|視聴回数|觀看次數|观看次数|播放量|观看量|"
    "播放数|total views|visninger|videovisningar",
    "views",
    "count",
)
_add("engaged views|vues engagées|互動觀看次數|engagierte aufrufe", "engaged_views", "count")
_add(
    "impressions|impressionen|impressões|impresiones|インプレッション数|曝光|曝光量|曝光数|"
    "サムネイルのインプレッション",
    "impressions",
    "count",
)
_add(
    "impressions click-through rate (%)|klickrate der impressionen (%)|taxa de cliques de impressões (%)|"
    "porcentaje de clics de las impresiones (%)|taux de clics par impression (%)|"
    "インプレッションのクリック率 (%)|サムネイルのクリック率 (%)|曝光點閱率 (%)",
    "impressions_ctr",
    "rate",
    "percent",
)
_add("封面点击率", "impressions_ctr", "rate", "fraction")
_add(
    "watch time (hours)|wiedergabezeit (stunden)|tempo de exibição (horas)|tiempo de visualización (horas)|"
    "durée de visionnage (heures)|総再生時間(単位: 時間)|總收看時數|觀看時間 (小時)",
    "watch_time_s",
    "duration",
    3600,
)
_add("watch time (minutes)|watch_time_minutes", "watch_time_s", "duration", 60)
_add(
    "average view duration|durchschnittliche wiedergabedauer|duração média da visualização|"
    "duración media de las visualizaciones|durée moyenne de visionnage|平均視聴時間|平均觀看時間|"
    "平均播放时长|人均观看时长|average watch time|average_view_duration_seconds",
    "avg_view_duration_s",
    "duration",
    1,
)
_add(
    "average percentage viewed (%)|average % viewed|durchschnittlich angesehener prozentsatz (%)|"
    "porcentagem média visualizada (%)|porcentaje medio visto (%)|pourcentage moyen regardé (%)|"
    "平均再生率 (%)|平均觀看比例 (%)",
    "avg_view_pct",
    "rate",
    "percent",
)
_add("average_view_duration_percentage", "avg_view_pct", "rate", "percent")
_add("stayed to watch (%)|ont continué de regarder (%)", "stayed_to_watch", "rate", "percent")
_add(
    "subscribers|abonnenten|inscritos|suscriptores|abonnés|チャンネル登録者|訂閱人數|net growth|nettotillväxt|"
    "difference in followers from previous day|净增粉丝",
    "followers_net",
    "count",
)
_add(
    "subscribers gained|gewonnene abonnenten|inscritos obtidos|suscriptores obtenidos|abonnés gagnés|"
    "登録者増加数|獲得的訂閱人數|new followers|nya följare|涨粉|涨粉量|粉丝增量|新增粉丝|关注量",
    "followers_gained",
    "count",
)
_add(
    "subscribers lost|verlorene abonnenten|inscritos perdidos|suscriptores perdidos|abonnés perdus|登録者減少数|"
    "流失的訂閱人數|lost followers|tappade följare|取关粉丝|取关量",
    "followers_lost",
    "count",
)
_add("followers|总粉丝量|累计粉丝|粉丝总数", "followers_total", "count")
_add(
    "active followers", "followers_total", "count"
)  # TikTok FollowerActivity (hour_of_day breakdown)
_add("likes|total likes|gilla-markeringar|点赞|点赞数|点赞量|喜欢|作品点赞", "likes", "count")
_add("dislikes", "dislikes", "count")
_add(
    "comments|comments added|total comments|kommentarer|已新增留言|评论|评论数|评论量|作品评论|"
    "hinzugefügte kommentare|comentários adicionados|comentarios añadidos|commentaires ajoutés|追加されたコメント",
    "comments",
    "count",
)
_add(
    "shares|total shares|delningar|分享|分享量|分享数|转发量|转发|作品分享|geteilte inhalte|"
    "compartilhamentos|veces compartido|partages|共有数",
    "shares",
    "count",
)
_add("saves|add to favorites|lägg till i favoriter|收藏|收藏量|收藏数", "saves", "count")
_add("profile views|profilvisningar|主页访问量|主页访问|主页访问数", "profile_views", "count")
_add(
    "unique viewers|total viewers|非重複觀眾人數|reached audience|målgrupp som nåtts",
    "unique_viewers",
    "count",
)
_add("new viewers", "new_viewers", "count")
_add("returning viewers|回訪的觀眾", "returning_viewers", "count")
_add("完播率|watched full video", "completion_rate", "rate", "fraction")
_add("2s跳出率", "bounce_rate_2s", "rate", "fraction")
_add("弹幕|弹幕量", "danmaku", "count")
_add("engagement rate|互动率", "engagement_rate", "rate", "fraction")
_add("平均播放进度", "avg_view_pct", "rate", "fraction")
_add(
    "estimated revenue (usd)|your estimated revenue (usd)|geschätzter umsatz (usd)|receita estimada (usd)|"
    "ingresos estimados (usd)|revenus estimés (usd)|推定収益 (usd)",
    "revenue",
    "money",
    "USD",
)
_add("預估收益 (twd)", "revenue", "money", "TWD")
_add("distribution", "share", "rate", "fraction")
_add("visualizações (%)|views (%)", "share", "rate", "percent")

# Columns of the canonical tables the tabular importer may fill.
STORE_METRICS = {
    "views",
    "impressions",
    "likes",
    "dislikes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "profile_views",
    "unique_viewers",
    "new_viewers",
    "returning_viewers",
    "followers_gained",
    "followers_lost",
    "followers_net",
    "followers_total",
    "impressions_ctr",
    "completion_rate",
    "avg_view_pct",
    "bounce_rate_2s",
    "engagement_rate",
    "watch_time_s",
    "avg_view_duration_s",
    "revenue",
}
