"""Furniture rules one by one: each signal removes its line; article sentences stay."""

from __future__ import annotations

import pytest

from storyline.clean import remove_furniture

SENTENCE = "The Kremlin said on Friday that there were reasons for cautious optimism about the talks."


@pytest.mark.parametrize(
    "line",
    [
        "1 month ago 5",
        "3 hours ago",
        "0 0",
        "12",
        "Read Entire Article",
        "Read the full story",
        "Read more coverage on CNBC Politics",
        "READ MORE: China plague outbreak confirmed: Two diagnosed with disease in Beijing",
        "Check out this related article: Germany’s Historic Vote: Unleashing Major Investments",
        "Related: The 15 Weirdest Galaxies in Our Universe",
        "You may also like:",
        "Source linkTrump, Donald J,Musk, Elon,Europe",
        "• Tags:",
        "Tags: Ukraine, Russia, ceasefire",
        "Filed under: Europe |",
        "To comment or like please login first....",
        "Login/Register",
        "Sign in to comment",
        "You must be logged in to post a comment.",
        "Comments",
        "12 Comments",
        "Leave a comment",
        "Be the first to comment",
        "Share this article",
        "Follow us on Twitter",
        "Subscribe to our newsletter for updates",
        "Advertisement",
        "Chris McGrath | Getty Images News | Getty Images",
        "Photo: Reuters",
        "(Photo by Jane Doe/Getty Images)",
    ],
)
def test_furniture_line_removed(line: str) -> None:
    result = remove_furniture([SENTENCE, line, SENTENCE + " Again."])
    assert result.removed == (line,)
    assert result.kept == (SENTENCE, SENTENCE + " Again.")


@pytest.mark.parametrize(
    "line",
    [
        SENTENCE,
        "Read more than 20 pages of the report, the judge told the lawyers on Friday.",
        "Officials said they would share this assessment with allies in the coming weeks.",
        "Comments made by the minister on Tuesday were criticised by the opposition parties.",
        "He asked reporters to log in to the briefing system to read the ceasefire terms before Monday.",
        "Tags were attached to the evidence bags, police said in a statement on Sunday evening.",
        "‘Manipulative’",
        "- President Volodymyr Zelenskyy has accused Putin of manipulation regarding the ceasefire.",
        "Here's the skinny on the ongoing situation:",
        "In 2014, 1,000 people were displaced.",
    ],
)
def test_article_line_kept(line: str) -> None:
    result = remove_furniture([SENTENCE + " First.", line, "Another sentence of the article is here, said the envoy."])
    assert line in result.kept
    assert result.removed == ()


def test_caption_needs_a_credit_below() -> None:
    caption = "A Ukrainian soldier drives a vehicle on September 23, 2024, in Sudzha, Russia."
    credit = "Global Images Ukraine | Getty Images"
    with_credit = remove_furniture([SENTENCE, caption, credit, SENTENCE + " More."])
    assert with_credit.removed == (caption, credit)
    without = remove_furniture([SENTENCE, caption, SENTENCE + " More."])
    assert without.removed == ()


def test_quote_above_credit_is_not_a_caption() -> None:
    quote = "“We will discuss land and power plants,” Trump told reporters on Sunday. He said more."
    result = remove_furniture([SENTENCE, quote, "Photo: AP Photo", SENTENCE + " More."])
    assert result.removed == ("Photo: AP Photo",)


def test_duplicate_line_removed_once() -> None:
    title = "Kremlin Signals Optimism"
    result = remove_furniture([title, "0 0", title, SENTENCE])
    assert result.kept == (title, SENTENCE)
    assert result.removed == ("0 0", title)


def test_byline_only_next_to_furniture() -> None:
    result = remove_furniture(["Headline Of The Story", "2 days ago 4", "Example Analytics", SENTENCE])
    assert result.removed == ("2 days ago 4", "Example Analytics")
    plain = remove_furniture(["Headline Of The Story", "Example Analytics", SENTENCE])
    assert plain.removed == ()


def test_contextual_rules_off_for_extracted_html() -> None:
    lines = ["Step one", "Eat every 2–3 hours", "Eat every 2–3 hours", "Read more: other story", SENTENCE]
    result = remove_furniture(lines, contextual=False)
    assert result.removed == ("Read more: other story",)


def test_pipe_credit_caption_dateline_and_tag_list() -> None:
    lines = [
        "Dravets Wakes To Funerals",
        "Eastern Dispatch | Sunday, 8 March 2026",
        SENTENCE,
        "Firefighters work at a damaged apartment block in Dravets on Sunday morning.",
        "Oleh Sadovy | Eastern Dispatch",
        SENTENCE + " Again.",
        "Source link",
        "Valdoria,Tessaria,Calvera,Port Elsin,truce,world news",
    ]
    result = remove_furniture(lines)
    assert result.kept == (lines[0], SENTENCE, SENTENCE + " Again.")
    assert result.removed == tuple(lines[1:2] + lines[3:5] + lines[6:])


@pytest.mark.parametrize(
    "line",
    [
        "| Pos | Player | Plays | % |",
        "Ukraine, Russia, the United States, France and Germany met in Paris",
        "Prices rose in Paris, Lyon, Lille, Nice and Marseille, the ministry said on Friday.",
    ],
)
def test_tables_and_enumerations_are_not_furniture(line: str) -> None:
    assert remove_furniture([SENTENCE, line, SENTENCE + " More."]).removed == ()
