# ruff: noqa: E501  (a corpus line is one message, never wrapped)
"""English families for the triage corpus (fifth round), all on the train side.

Written for issue 13's generalisation problem: on text written by people who never saw the
corpus, most missed emergencies matched no phrase at all, because the corpus's vocabulary was
too narrow. Each family is a CLASS of message, in scenes and words of this round's own,
never a copy or a rewording of a held-out or dev message:

- signs told by the sensation rather than the textbook word (a chest "in a vice", "an
  anvil", "a python round my ribs"; air that "won't go past my throat"), by what a relative
  saw, in a formal or clinical register, an older adult's roundabout phrasing, dictation
  without punctuation, teen slang, minimised ("probably nothing but"), or in a p.s. at the
  end of a chatty update;
- pictures a clinician reads as one sign (heaviness with cold sweat and nausea; a swollen
  leg and then sudden breathlessness; a sudden one-sided weakness noticed in daily tasks);
- falls told as a story that ends on the floor unable to get up, or with a limb out of shape;
- self-harm said indirectly (a plan, "not be around", hurting oneself on purpose);
- and hard look-alikes: idioms with body words, someone else's story, normal exercise effort.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
new message I have a heavy crushing feeling in the middle of my chest and I feel sick and sweaty
I hate to be a bother dear but since my walk there's a queer tightness under my breastbone and I've come over all sweaty
ok so the {x} went fine and lunch was nice, oh and the chest thing is back, a heavy squeeze, it's been 20 minutes
there's an anvil sitting on my breastbone since the {x} and my stomach is turning
probably nothing but my chest feels clamped in a vice and the ache is going up into my teeth
F:{who} looks ashen, is dripping with sweat and keeps pressing a fist to the middle of the chest
I would like to report a constricting sensation behind the breastbone, with discomfort in the left arm, which began at rest
p.s. forgot to say, there's been a crushing ache under my ribs in the middle for half an hour and I feel queasy
it's like a python wrapped round my ribs squeezing and I can't get comfortable
bro my chest is doing this heavy squeezy thing and my arm feels weird, kinda scared
my chest is burning and heavy at once and sitting still isn't easing it
I have a pressing ache in the centre of my chest that goes right through to my shoulder blades
F:{who} had to sit down on the stairs, says there's a tight heavy pressure over the heart and feels sick
my chest hurts a lot it is going into my neck and jaw I am sitting down it is not stopping
I don't like to fuss but there's a dull heavy feeling in my chest {t} and I'm clammy
an ache across the front of my chest came on with the {x} and hasn't let up, with sweating
feels like indigestion but much worse, right in the middle of my chest and down my left arm
my heart hurts, it's a tight grip that won't let go and I feel faint
""",
    "breathing": """
new message I cannot get my breath at all sitting here please tell me what to do
I'm sorry to trouble you, I find I can't get my wind today even sitting in my chair, and it frightened me
fyi my breathing went weird, like I can't fill my lungs, started out of nowhere
since the hip operation my thigh is big and sore, and today I get breathless just talking
F:{who} has been breathing very fast and shallow sitting in bed and needs three pillows to breathe
the air won't go past my throat, I keep pulling in and it's not enough
there are streaks of blood when I cough and I'm short of breath
F:{who} has a greyish blue tinge around the mouth and is labouring to breathe
I have to stop after every few words to get air {t}
I suddenly became extremely short of breath at rest and it stabs when I breathe in
it's like breathing through a coffee stirrer and it's getting worse
F:{who} is wheezing hard, sucking in at the neck, and the inhaler isn't doing anything
I can't lie down because I drown for air, I've been sitting up all night
p.s. had to stop on the landing because I couldn't get enough air in, that's never happened
ngl i lowkey cant breathe rn its so scary
I am experiencing marked dyspnoea that came on abruptly without exertion
my breathing is ragged and I feel like I'm suffocating
I'm puffing like I ran a marathon and I've only been sitting on the sofa
""",
    "fainting": """
new message I went down in the hallway and I do not know for how long I just woke up there
I had a funny turn in the garden and the next thing I knew I was lying on the grass
F:{who} just went limp in the car and didn't answer for a few seconds, he's pale now
my vision went spotty and I dropped, I'm still dazed and not thinking straight
F:{who} went down in the supermarket queue and didn't answer us for a bit, now awake but vague
I woke up on the hall carpet with no idea how I got there
everything whited out when I stood up from the {x} and the next thing I was on the rug
F:{who} crumpled during the {x} and was unconscious for a few seconds
I must have conked out because I came round on the patio
I experienced a syncopal episode this afternoon
my legs buckled and the lights went out, my daughter found me on the floor
I had a blackout for a few seconds and knocked the chair on the way down
F:{who} slumped sideways at the dinner table and we couldn't rouse him for a minute
lol I literally passed out after the {x}, woke up on the floor
I lost a chunk of time, one minute I was standing and then I was lying by the bed
""",
    "stroke": """
new message my mouth feels crooked and my left hand will not grip anything it started all at once
F:{who} can't smile on one side and her speech went strange an hour ago
I think something's not right, my tea keeps dribbling out the side of my mouth and my arm won't lift properly
F:{who} is trying to talk but it's all mumbles and she can't grip my hand on the right
F:{who}'s speech came out thick and mumbled all of a sudden and one eyelid is drooping
I can't do up my buttons with my right hand, the fingers won't work, it started an hour ago
F:{who} suddenly can't understand what we say and answers with the wrong words
one side of my face feels like it's sliding down and my smile is lopsided in the mirror
a curtain came down over half my vision and I have a pounding headache
a sudden splitting headache hit me like a bat to the back of the head a few minutes ago
F:{who} can't raise the left arm and the corner of the mouth is sagging
my right leg is dragging and my arm is floppy, it started suddenly {t}
my words come out scrambled, I know what I want to say but it won't come
F:{who} went quiet and strange and the left hand keeps letting go of things
everything on my left side went numb and clumsy all of a sudden
I'm suddenly seeing double and I'm staggering, I can't walk in a straight line
p.s. my hand went weak and tingly for a bit and my speech was off, it's still a bit odd
my pen keeps slipping out of my fingers and my writing has gone all over the place since lunch
""",
    "cauda-equina": """
new message I have no feeling around my back passage and I have not passed urine today my back is bad
I'm too embarrassed to say it but since my back got worse I can't feel when I'm going to the toilet
F:{who} can't feel his bottom on the chair and his legs keep buckling, and his back is much worse
my backside is numb like I'm sitting on a block of ice and my back is agony
I've lost the feeling of needing to go to the toilet and both legs are weak
F:{who}'s back pain now goes down both legs and he's wet the bed without waking
my bowels let go this morning without me knowing and the sciatica is in both legs
I haven't passed water since last night and there's no urge at all, and my back's bad
there's tingling where I'd sit on a bike saddle and my legs are giving out
F:{who} says she can't feel the paper when she wipes and the back pain is much worse
my back went and now both legs are wobbly and I can't control my bowels
numb down below and my bladder isn't working properly since my back flared up
I'm noticing saddle anaesthesia and reduced bladder sensation alongside my low back pain
pins and needles round my bottom and inner thighs, and I can't empty my bladder
my bladder feels full but nothing comes out and my back is worse
I can't feel the seat when I sit on the loo and my legs feel like lead
""",
    "fall-injury": """
new message I fell in the kitchen and I cannot get up off the floor my hip hurts a lot
I had a bit of a tumble on the patio and my wrist is all out of shape, I daren't move it
F:{who} fell in the night and has been on the bathroom floor, he can't get up and his hip hurts
I'm writing from the floor, I went over by the sofa at breakfast and my legs won't push me up
went flying on the front steps and my elbow is an odd shape, I can't bend it
F:{who} had a tumble on the path, the hip is agony and the foot is rolled outward
I fell against the table edge and the cut on my arm keeps pumping blood
I fell getting out of bed and I'm stuck on the floor, my legs won't lift me
F:{who} took a spill in the garden and banged her head on the step, and she's on blood thinners
I fell on my hand and my wrist has a lump like a fork and it's swelling
lost my footing on the curb, landed hard on my hip and I can't put any weight on it
F:{who} went down in the bedroom and has been lying there for hours, we can't lift him
took a nasty fall and my arm is hanging funny and I can't move it
I skidded on wet leaves and now my knee won't take any weight and it's swelling fast
I tripped over the cat and smacked my forehead on the doorframe, I'm seeing stars
I slipped in the garage and my shin is split open and bleeding a lot
I had a fall and I think something's broken, the bone looks out of place
""",
    "self-harm": """
new message I do not want to live anymore I have been thinking about how to do it
I've been wondering if it would be easier for everyone if I just wasn't here
F:{who} has started saying goodbye to people and says she won't need her things soon
I've been burning myself with a lighter when it gets too much
I scratch my arms till they bleed on purpose, it's the only thing that helps
F:{who} told me he has worked out exactly how he would do it
I keep hoping I won't wake up in the morning
I've been thinking about taking all my pills at once
F:{who} said she doesn't want to be here anymore and has been giving her things away
I don't want to be alive anymore, what's the point
killing myself has been on my mind most days lately
I've got the means sorted and I think about using them every day
I've been having suicidal thoughts and I'm scared of them
F:{who} wrote goodbye letters and says life isn't worth living with this pain
i just wanna disappear forever tbh, not be around at all
I've started hurting myself again, I'm sorry
my family would manage fine without me, I've been thinking about ending it
""",
    "dvt": """
the calf below my new knee is hard and tender and bigger than the other one
since the hip op one calf has gone tight and swollen and it's warm, the other is normal
F:{who}'s calf on the operated side is red and swollen and tender to squeeze
one calf is noticeably bigger than the other, sore, and the skin looks shiny
my shin and calf on the operated leg have gone a dusky red and feel hot and heavy
""",
    "wound-infection": """
there's greenish stuff seeping from the bottom of my incision and it throbs
F:{who}'s stitches have gone crusty and wet and the skin around them is hot, and he's shivering
I'm shivery and the thermometer says 38.8, and the skin round the stitches is hot
the dressing has a foul smell when I change it and the edges of the wound are opening
I drew around the red patch by my wound yesterday and today it's past the line, and I feel hot
""",
    "sudden-injury": """
something went twang in the back of my thigh during the {x} and now I can't walk on it
my knee gave a loud pop on the step-down and it blew up like a balloon
F:{who} felt the back of the ankle give way on the jump and can't go up on tiptoe now
a sharp tearing feeling in my calf on the lunge and it's swelling up
my shoulder popped out of its socket reaching overhead and it's stuck
""",
    "fall-or-dizzy-spell": """
I toppled over on the balance exercise and landed on the sofa, no harm done
when I rolled over in bed the ceiling started spinning for a bit, it's calmed down now
I ended up on the kitchen floor after slipping on a wet patch, got myself up, nothing hurts
my heart was pounding and I went light in the head in the shower after the session, it passed
F:{who} missed the last stair and ended up sitting on the floor, no injury
""",
    "night-pain-weight-loss": """
I'm pacing the house at 3 am most nights with this back pain and the scales say I'm lighter without trying
my belt needs new holes and I'm not trying to lose weight, and the pain is worst at night
my appetite's gone, I've lost weight, and the pain is there night and day even lying still
""",
    "pain-model-breach": """
since the new step-ups my hip sits at 6 out of 10 instead of my usual 3, two days now
my shoulder flared after the heavier band and was still flared the next day
the {x} set my knee off and the next morning it was still worse than my normal
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
my heart goes out to the family next door after their loss
my heart was in my throat watching the penalty shootout
F:{who} had a heart attack in 2018 and does cardiac rehab, doing great
a deep stretch across my chest during the doorway stretch, felt amazing
the cold air made my chest feel fresh on the walk
I put my hand on my heart and promised to do the exercises daily
I have a chest of drawers to move, can I lift it with my back?
the news about the clinic closing broke my heart a bit
my heart wasn't in it today but I did the {x} anyway
""",
    "breathing": """
I'm breathless from laughing at the dog chasing its tail
can I do the {x} if I'm a bit stuffy from a cold? breathing is fine
I was a bit puffed on the hill but talking normally at the top
I got winded laughing at my grandson's joke
the fresh air on the lake took my breath away
do I breathe out on the way up in the {x}?
the cat sits on my chest in the morning and I can hardly breathe for laughing
I'm catching my breath after a busy week, finally a quiet day
""",
    "fainting": """
the screen froze in the middle of the exercise clip
I was out like a light at 9 last night, slept great
I nearly keeled over laughing at my husband trying the {x}
everything went black when the power cut last night, had to find the candles
I drew a blank on the name of the third exercise
""",
    "stroke": """
F:{who} had a stroke in 2016 and walks the dog every day now
I'm lost for words, thank you for all the help
my words got tangled giving the toast at the party lol
my face is frozen from the dentist's injection, it'll wear off
my arm feels heavy after carrying the shopping, normal tiredness
one side of my smile is wonky in every photo, always has been
""",
    "cauda-equina": """
my leg goes numb if I sit on the hard bench too long, fine when I stand
the new water pills have me running to the loo, is that ok with the exercises?
my bum is numb from the long car ride to my sister's, fine now
""",
    "fall-injury": """
F:{who} couldn't get up after her fall two winters ago, that's why I wear the alarm button now
I get down on the floor for the stretches fine, getting back up is slow but ok
my grandson fell off his bike and skinned his knee, all good after a plaster
I popped out for milk and did my walk on the way
prices fell at the shoe shop so I bought proper trainers
I fell head over heels for the new walking trail
my plans fell through so I did my exercises instead
I dropped the ball on the {x} this week, sorry
I stumbled on a great podcast to listen to while walking
F:{who} broke a hip years ago and now does tai chi twice a week
""",
    "self-harm": """
my husband will murder me if I skip again haha
I'm dying of laughter at the names of these exercises
this cold is killing me but I did the {x}
I could murder a cup of tea after that session
I'm so done with the rain this week
I'd give my right arm for a sunny day
""",
    "dvt": """
both ankles swell a bit on hot days, they go down overnight
my calf is tired after the walk but not swollen or warm
my calves look great after all these heel raises lol
""",
    "wound-infection": """
the scar is pale and flat now, so much better
my cold has me full of snot but no fever
the dog's cut on its paw is healing nicely
""",
    "sudden-injury": """
I felt a snap of cold air on my walk, brr
my shoulder clicks a little during the band pull, no pain
my hips click getting out of the car, always have
""",
    "fall-or-dizzy-spell": """
the spinning class at the gym looks fun, can I try it?
the kids made me so dizzy on the merry-go-round lol
my head's been in a whirl with appointments this week
F:{who} tripped on a rug ages ago and wasn't hurt, just telling you about the house
""",
    "said-fine": """
my feet are killing me in these new shoes
I nearly had a heart attack when the smoke alarm went off, it was just the toast
I fell about laughing at the exercise cartoon
my back's against the wall with work this month, but the exercises are done
my legs turned to spaghetti on the stairs after the squats, good burn
I'm breathless with excitement, my granddaughter got engaged
I've been bending over backwards to fit the sessions in lol
it broke my heart to miss my sister's birthday, I was at the clinic
I blacked out the dates I'm away in my calendar, can you pause those?
the wind knocked the breath out of me at the beach, so fresh
my arm's gone dead from lying on it, pins and needles for a minute
I dropped my phone and the screen cracked, not my day
F:{who} cut herself chopping onions, just a plaster needed
the physio said my tendon is angry, but it's calmer this week
I went weak at the knees when the grandkids sang for me
quads ache a bit on the stairs the day after, that's the normal kind right?
my heart is fine and my breathing is fine, the bike felt great
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
my chest swelled with pride watching my daughter graduate
the kettlebell felt like an anvil at first but I'm getting stronger
F:{who} was rushed in with chest pain in 2019, it turned out to be a muscle strain
no tightness in my chest at all on today's walk
""",
    "stroke": """
my husband talks like he's drunk when he's overtired lol, he's fine
F:{who} slurs a bit when she's sleepy, always has, the doctor knows
face looks normal and both arms lift fine, just checking in
""",
    "self-harm": """
feeling flat lately but no thoughts of harming myself
""",
}
