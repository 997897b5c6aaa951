"""Synthetic articles written for these tests (no real news text)."""
import datetime as dt
import random

T0 = dt.datetime(2024, 6, 2, 8, 0, tzinfo=dt.timezone.utc)
_WORDS = ('harbour council tender bridge ferry pilots union wage talks mayor '
          'budget rainfall reservoir drought farmers grain export quota tariff '
          'minister cabinet vote senate court appeal ruling station railway '
          'signal delay commuters inquiry report audit contract builder steel '
          'price index inflation bank rate lenders bond yield market shares '
          'festival stadium league coach striker goal season trophy museum '
          'gallery painting auction collector satellite launch orbit engineers '
          'vaccine clinic nurses hospital ward patients school teachers exam').split()


def story(seed, n_words=400):
    rnd = random.Random(seed)
    sents = []
    while sum(len(s.split()) for s in sents) < n_words:
        k = rnd.randint(8, 18)
        sents.append(' '.join(rnd.choice(_WORDS) for _ in range(k)).capitalize() + '.')
    return ' '.join(sents)


def row(key, body, publisher='Wire Agency', hours=0, agencies=('REUTERS',),
        language='en', guid=None, title=None, url=None):
    return {
        'instance_key': f'feed-{publisher}#{key}', 'article_id': f'a-{key}',
        'guid': guid or f'g-{key}', 'url': url or f'https://{publisher.replace(" ", "").lower()}.test/{key}',
        'title': title or f'Title {key}', 'body': body, 'summary': body[:200],
        'language': language, 'published_at': T0 + dt.timedelta(hours=hours),
        'publisher': publisher, 'feed_url': f'feed-{publisher}',
        'agencies': list(agencies), 'dateline_location': 'LONDON',
        'dateline_country': 'GB',
    }


def copyedit(text, seed, rate=0.05):
    rnd = random.Random(seed)
    words = text.split()
    for i in range(len(words)):
        if rnd.random() < rate:
            words[i] = rnd.choice(_WORDS)
    return ' '.join(words)


# --- news-like copy with figures and names (templates, syndication edits) ---

_FIRST = ('Anika', 'Bram', 'Celia', 'Dario', 'Elif', 'Folke', 'Greta', 'Hamid',
          'Ines', 'Jonas', 'Kalani', 'Lorcan', 'Mireille', 'Nuno', 'Oona', 'Pavel')
_LAST = ('Voss', 'Okafor', 'Lindqvist', 'Marchetti', 'Tanaka', 'Brennan', 'Szabo',
         'Haddad', 'Ferreira', 'Kowalczyk', 'Osei', 'Ruiz', 'Van Dijk', 'Nakamura')
_PLACES = ('Calverton', 'Port Ellery', 'Maresby', 'Dunholt', 'Fennick', 'Oaklow',
           'Saltmere', 'Brackwater', 'Lyndhurst', 'Kestrel Bay')
_BODIES = ('Harbour Authority', 'Grain Board', 'Rail Commission', 'Water Agency',
           'Statistics Office', 'Energy Regulator', 'Transport Ministry')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July',
           'August', 'September', 'October', 'November', 'December')
_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday')
_SENTENCES = (
    'The {body} in {place} said on {day} that traffic rose {pct} percent to {num} million tonnes in {month}.',
    '{person}, who heads the {body}, told reporters the figure was the highest since {year}.',
    'Officials in {place} expect a further {pct} percent increase before the end of {month}, {person} said.',
    'The {body} has budgeted {num} million euros for new equipment and plans to hire {small} staff.',
    '"We have not seen demand like this for a long time," {person} said at a briefing in {place}.',
    'Critics including {person} of the {body} warned that costs could climb by {pct} percent next year.',
    'The council of {place} will vote on the plan on {month} {date}, according to a statement.',
    'Shares in operators listed in {place} rose {pct} percent on {day}, while the index gained {small} points.',
)


def news_story(seed, n_sentences=14):
    """A wire story with names and figures, in paragraphs of two sentences."""
    rnd = random.Random(seed)

    def fill(template):
        return template.format(
            body=rnd.choice(_BODIES), place=rnd.choice(_PLACES), day=rnd.choice(_DAYS),
            month=rnd.choice(_MONTHS), person=f'{rnd.choice(_FIRST)} {rnd.choice(_LAST)}',
            pct=f'{rnd.randint(1, 19)}.{rnd.randint(0, 9)}', num=f'{rnd.randint(2, 950)}.{rnd.randint(0, 9)}',
            small=rnd.randint(12, 480), year=rnd.randint(1988, 2019), date=rnd.randint(1, 28))
    sents = [fill(rnd.choice(_SENTENCES)) for _ in range(n_sentences)]
    return '\n\n'.join(' '.join(sents[i:i + 2]) for i in range(0, len(sents), 2))


def dividend(company, cents, pay, record, day='Tuesday'):
    """One report of a templated series: same words, other company and figures."""
    return (f'{company} Holdings said on {day} its board had declared a quarterly dividend of '
            f'{cents} cents per share, payable on {pay} to shareholders of record at the close '
            f'of business on {record}. The company said the payment was unchanged from the '
            f'previous quarter and reaffirmed the outlook it gave with its annual results in '
            f'the spring. The board will next review the dividend when it reports results for '
            f'the second quarter, and it said it remained committed to a progressive dividend '
            f'policy over the medium term as long as trading conditions allowed it.')


def results(company, net, prev, sales, eps, quarter='third'):
    """A longer templated results report: most of the words are the template's."""
    return (f'{company} Group reported net profit of {net} million dollars for the {quarter} quarter, '
            f'compared with {prev} million dollars a year earlier, the company said in a statement '
            f'to the stock exchange. Sales for the quarter rose to {sales} million dollars. Earnings '
            f'per share were {eps} cents. The company said demand from its main markets remained '
            f'steady during the period and that it expected conditions to stay broadly similar for '
            f'the rest of the year. It did not change its forecast for the full year and said it '
            f'would publish detailed figures with its annual report in the spring.')


def truncate(text, n_words):
    return ' '.join(text.split()[:n_words])


def drop_paragraph(text, index):
    paras = text.split('\n\n')
    return '\n\n'.join(p for i, p in enumerate(paras) if i != index)


def with_footer(text, outlet):
    return (f'{text}\n\nFollow {outlet} on Facebook, Twitter and Instagram for breaking news. '
            f'Copyright {outlet} Media Group. All rights reserved.')
