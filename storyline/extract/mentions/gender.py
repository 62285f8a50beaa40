"""Given names with a usual grammatical gender, used only to rule out a pronoun antecedent
("she" cannot be "Dmitry Peskov"); a name missing here is "unknown" and fits either pronoun."""

from __future__ import annotations

from typing import Literal

Gender = Literal["male", "female", "unknown"]

MALE = frozenset("""
aaron abdullah adam ahmed alan albert alberto alejandro alexander alexandr aleksandr alexei
alexey ali andrei andrey andrew andriy andrzej angelo anthony antonio antony arnold arthur
barack ben benjamin benny bernard bernie bill bob boris brad bradley brandon brian bruce carl
carlos charles chris christopher chuck colin daniel danny david dennis dick dmitri dmitry
dmytro don donald doug douglas duncan ed edward elon emmanuel eric erik fernando francis frank
franz fred friedrich gary george gerald gerhard giorgio giuseppe gordon greg gregory hans harry
helmut henry howard hugo ian igor ivan jack jacob james jared jason javier jean jeff jeffrey
jens jeremy jerome jim jimmy joe joel johann john johnny jon jonathan jorge jose joseph josh
juan justin kevin keir kim kurt larry lars lee leon leonid lloyd louis luis luke marc marco
mario mark martin matteo matthew max michael michel miguel mike mikhail mitch mohammad
mohammed muhammad narendra nicholas nick nicolas nikolai oleg oleksandr oliver olaf omar oscar
pablo patrick paul pedro pete peter petro philip pierre rafael ralph ramzan recep richard rick
rishi robert roger ron ronald rudy ryan sam samuel scott sebastian sergei sergey serhiy
shinzo stephen steve steven stuart ted terry thomas tim timothy tom tony valery vasily victor
viktor vince vincent vitali vladimir volodymyr walter wang william xi yevgeny yuri yury
""".split())

FEMALE = frozenset("""
alexandra alice alicia amanda amy ana andrea angela ann anna anne annalena antonia barbara
beth betty brenda carla carmen carol caroline catherine charlotte christina christine claire
claudia cynthia dana deborah diana donna elena elisabeth elise elizabeth ellen emily emma eva
evelyn frances francesca giorgia gloria hannah heather helen hillary irina isabel jacinda jane
janet jennifer jessica jill joan joanna judith julia julie kamala karen karoline kate katherine
kathleen kathryn kaja kristi kristin laura lauren linda lisa liz louise lucy lyudmila margaret
maria marie marine marina martha mary megan melania melissa michelle monica nancy natalia
nataliya natasha nicola nicole nikki nina olena olga pamela patricia paula rachel rebecca
rose ruth sandra sanna sarah sharon sophie stephanie susan suzanne svetlana tatiana theresa
tulsi ursula valentina valeria victoria virginia yulia yuliia zoe
""".split())


def name_gender(first_name: str) -> Gender:
    """The usual gender of a given name, else "unknown"."""
    key = first_name.lower().strip(".")
    if key in MALE:
        return "male"
    if key in FEMALE:
        return "female"
    return "unknown"
