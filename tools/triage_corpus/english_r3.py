"""English families for the triage corpus (third round), all on the train side.

Written after reading the cross-validated errors on the train split only (never a held-out
message): signs told by a relative, in the middle of a long message, or by what they feel like;
and hard look-alikes that share a sign's words: the sign in someone else, an event long over,
"no ... today", jokes and figures of speech, the normal soreness of exercise. Each sign line
has look-alikes built on the same words, so the words alone cannot decide.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
there's a crushing feeling behind my breastbone and I'm sweating {t}
my chest feels like an elephant is sitting on it {t}
F:{who} is clutching the chest and says the pain goes up into the jaw
a burning pressure in the middle of my chest that won't settle even sitting down
the tightness in my chest came back during the {x} and it's still there
my left arm and my chest ache together and I feel sick to my stomach
F:{who} has had chest pain for half an hour and is pale and clammy
I stopped the {x} because my chest went tight and heavy, it hasn't eased
it feels like a band squeezing round my ribs and I'm short of breath and sweaty
F:{who} has a heavy pain in the chest that goes into the back and jaw
""",
    "breathing": """
I can barely breathe even sitting still {t}
I'm so short of breath I can't walk to the bathroom
F:{who} is struggling for air and the lips look a bit blue
every breath is a fight and I'm not doing anything
I woke up gasping and I still can't catch my breath
I coughed up blood this morning and I'm short of breath
F:{who} can't talk in full sentences, too out of breath, and it's getting worse
my breathing got really bad all of a sudden after the {x} and it isn't coming back
my lungs feel like they're full of concrete and I can't get air in
I'm panting like I ran a marathon and I've only been sitting {t}
F:{who} is breathing fast and shallow and can't lie flat
it feels like someone has their hands around my throat, I can't get enough air
I'm wheezing and my inhaler isn't helping at all
""",
    "fainting": """
I fainted in the shower {t}
I blacked out for a moment and woke up on the floor
F:{who} passed out at the table and took a minute to come round
I nearly passed out after the {x}, everything went grey and I had to lie down
I'm confused and can't remember what day it is, this is new
the room is spinning and I can't stand up {t}
F:{who} is suddenly very muddled and doesn't know where they are
I keep feeling like I'm about to faint when I stand up {t}
I keeled over in the kitchen and my wife found me
F:{who} went limp in the chair and didn't answer for a minute
my vision went black and I woke up on the floor
I feel like the floor is tipping and I'm going to black out
""",
    "stroke": """
my face feels droopy on one side and my smile looks crooked {t}
I suddenly can't get my words out right
F:{who} is talking funny and one side of the face is drooping
my right arm went weak all of a sudden and I dropped my cup
I lost the sight in one eye just now, it went dark
this is the worst headache I've ever had, it came on like a thunderclap
F:{who}'s words are slurred and the left hand won't grip
my arm and leg on the same side feel weak and heavy {t}
the left side of my mouth won't smile and my words come out wrong
F:{who} suddenly can't lift the right arm and is talking nonsense
I see two of everything all of a sudden and my face feels odd
my hand just stopped working, I can't hold a pen, it came on in a minute
F:{who} is drooling from one side and can't answer properly
a sudden splitting headache, the worst pain I've ever had in my head, and I'm being sick
""",
    "cauda-equina": """
I have no feeling down below when I wipe
I've wet myself without noticing and my back is killing me
F:{who} can't pass urine since this morning and the back pain is bad
both my legs are going weak and numb at the same time
I had an accident with my bowels and didn't feel it coming
the saddle area is numb, where you would sit on a bike
my privates feel numb and I can't tell if I need to pee
F:{who} says the groin is numb and both legs are weak
I couldn't tell I was peeing until I felt it wet
it's like my backside and between my legs are made of rubber, no feeling
F:{who} hasn't passed water in twelve hours and the back is bad
I keep leaking urine since the back pain got worse and I can't stop it
my legs both gave way and there's tingling in my groin
I've lost control of my bladder since yesterday
""",
    "fall-injury": """
I fell and hit my head on the floor and I'm on blood thinners
I tripped over the rug, my wrist looks crooked and it's swelling
F:{who} fell down the steps and can't put any weight on the leg
I fell in the bathroom, there's a lot of blood from my head
I had a fall {t} and I can't stand on my left leg at all
F:{who} fell and banged the head, and takes warfarin
I slipped on the ice, my ankle is bent the wrong way
I fell off the step during the {x} and now I can't walk on that foot
I came off my bike, hit my head and I take blood thinners
F:{who} tripped on the curb and the wrist is swollen and bent
I fell hard onto my hip and I can't get up off the floor
I went over on the stairs and there's a deep cut on my leg that keeps bleeding
""",
    "self-harm": """
I don't see the point of living anymore
I've been thinking about ending my life
F:{who} said they want to die and has been giving things away
I want to hurt myself tonight
sometimes I think everyone would be better off without me
I've been planning how I would kill myself
F:{who} cut their arms again last night
I just want to go to sleep and never wake up
I've had enough of everything and I've been looking at the pills in the cupboard
F:{who} keeps saying there's no reason to go on and I'm scared
I don't want to be alive anymore, I'm so tired of fighting
what's the point, I won't be around much longer anyway, I've made up my mind
I've been having dark thoughts about taking my own life
I scratched my arms until they bled again last night, I couldn't stop
""",
    "dvt": """
my calf is swollen and hot on one side only {t}
the back of my left leg is red and sore and bigger than the right
F:{who}'s lower leg is puffy and painful on one side since the surgery
my calf hurts when I flex my foot and it's warm to touch
there's a hard, tender spot in my calf and the leg is swollen
my right calf has been aching and swelling for two days, the other one is fine
""",
    "wound-infection": """
my incision is red and the redness is spreading {t}
there's yellow pus coming out of my wound
F:{who}'s scar has opened up a bit and it's oozing
I have a fever of 38.5 and my knee wound is hot
I'm shivering with chills and the wound looks angry
the stitches are weeping and it smells bad
""",
    "sudden-injury": """
I heard a pop in my knee during the {x} and it swelled up fast
sudden sharp pain in my shoulder during the {x}, I can't move it now
F:{who} felt something tear in the calf and can't walk on it
my ankle rolled and now I can't put weight on it
out of nowhere my hand went numb and weak on one side
I felt a rip in my thigh on the {x} and it's bruising already
""",
    "fall-or-dizzy-spell": """
I fell in the garden {t} but I'm not hurt
I had a dizzy spell during the {x}, it passed after a few minutes
F:{who} had a fall this morning, no injury, just a bit shaken
my heart was racing and fluttering for a while {t}, now it's settled
I tripped and landed on my knees, nothing broken
I went lightheaded after the {x} and had to sit, I'm ok now
""",
    "night-pain-weight-loss": """
the pain wakes me every night and resting doesn't help
I've lost a lot of weight without trying, my clothes are loose
F:{who} is losing weight and isn't eating less
the pain at night is the worst, nothing I do eases it
I'm down 6 kilos in two months and I don't know why
""",
    "pain-model-breach": """
my pain went up to 7 after the {x} and stayed there
the {x} made my pain much worse and it was still bad the next morning
my knee hurt more after the session and it's not settling
the pain was 6 during the {x}, higher than it's supposed to be
I'm more sore today than before I started, the programme is too much
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
my chest is tight from the push-ups I did, it's the muscle, sore when I press it
my dad had chest pain last year and had a stent, he's great now
my chest muscles are sore after the {x}, like after the gym
I called 911 for my neighbour last winter, it was a scary night
the chest press machine at the gym was too heavy for me lol
I had a chest infection in the spring, all better now
the pressure is on at work, but my body feels good
my heart aches for my friend who lost her husband
my chest cold is gone, I can do the {x} again
I have a chest of drawers to move so I'll rest my back first
my tight chest from the flu two weeks ago is completely gone
a sharp twinge in my rib when I twisted, it's gone when I stop twisting, I know it's the rib
""",
    "breathing": """
I was breathless with laughter at my grandson's jokes
I get a bit out of breath on the stairs, same as always, nothing new
my wife can't breathe through her nose with her cold, I'm fine
the view from the lookout was breathtaking
I held my breath during the {x}, I'll remember to breathe out
the nurse said my breathing was fine at my checkup
I was short of breath after running for the bus, it passed in a minute
my asthma was bad as a kid, I've had no problems for years
give me a breather, it's been a busy week lol
I'm a bit puffed after the {x}, but I can talk fine, it settles in a minute
""",
    "fainting": """
I nearly fainted when I saw the bill, just kidding
my aunt fainted at church years ago, she's fine
I'm dizzy from all the forms I have to fill in lol
I feel a bit lightheaded when I'm hungry, a snack fixes it
I passed out on the couch after dinner, I was so tired, slept 9 hours
I'm confused about which band to use for the rows
the spinning class looks fun, can I try it?
I blacked out the old phone number on the form
I zoned out watching TV, I was just tired
the heat in the car made me feel a bit woozy, then I had water and was fine
""",
    "stroke": """
my grandfather had a stroke years ago, that's why I want to stay active
stroke of luck, I found my lost keys
I'm working on my backstroke at the pool
I can't find my words in French sometimes, it's not my first language
my face was numb after the dentist, it's back to normal
my speech therapist friend says hi lol
my arm is tired after carrying the groceries, it's fine after a rest
I had a bad headache from not drinking enough water, gone now
my vision is blurry without my reading glasses
my mouth is droopy in that photo because I was half asleep, haha
I was talking nonsense after two glasses of wine lol
""",
    "cauda-equina": """
my bum was numb from the long car ride, fine after I walked
I pee a lot because of my water pills, the doctor knows
my grandson had an accident in his pants at the park
my legs are weak and tired after the {x}, it goes away with rest
my foot went numb from crossing my legs, it tingled and came back
I'm a bit constipated from the pain pills, nothing else
I can't feel my fingers in this cold, brr
my dog wet the floor when we got home
my back was sore but I have full feeling everywhere and the toilet is normal
""",
    "fall-injury": """
my grandson fell off his bike and scraped his knee, he's fine
I fell behind on my exercises this week, sorry
the price of gas fell again
I fell in love with the new walking trail
my phone fell on the floor and the screen cracked
my mother fell last year and broke her wrist, that's why I'm doing balance work
I bumped my head getting out of the car, just a small bump, no pain now
the vase fell off the shelf and broke
the snow is falling so I'm doing the {x} inside
I fell for the same joke twice lol
""",
    "self-harm": """
I'm dying to see my grandkids this weekend
these {x} are killing me lol, but I'm doing them
I'd kill for a piece of chocolate cake
my plants died while I was away
my knee is killing me after gardening, the usual kind of sore
I could murder a coffee right now
my cousin hurt himself skiing, a sprained wrist
the battery died on my phone again
I was bored to death at the meeting
I'm sick to death of this snow, haha
""",
    "dvt": """
both my calves are sore after the {x}, they feel worked
my ankles are a bit puffy after a long day on my feet, both the same, like always
my calf got a cramp while I was swimming, it stopped
my sister had a blood clot in her leg a few years ago
my legs are warm after the hot shower
the red mark on my calf is from the band, it faded
I bruised my shin on the coffee table, I know where it came from
""",
    "wound-infection": """
my scar looks clean and dry today
my daughter has a fever, so I'm looking after her
I had a flu shot and my arm is a bit sore
the redness around the stitches is fading every day
I feel hot because the heating is on full blast
my husband is shivering because he came in from the snow
I got a shiver watching a scary movie lol
""",
    "sudden-injury": """
my knees pop when I climb the stairs, always have, no pain
I popped out to the store before my session
the balloon popped and the dog jumped
my shoulder cracks when I roll it, it doesn't hurt
I tore the page out of the exercise booklet by mistake
my friend sprained her ankle dancing, she's on crutches
I felt a pull in my hamstring stretch, the normal stretch feeling
my hand was numb from sleeping on it, it woke up
""",
    "fall-or-dizzy-spell": """
my heart was racing at the thought of the trip
the kids are falling behind in school, I'm helping them
the glass fell off the counter but didn't break
I was dizzy with excitement at the concert
my heart raced watching the final of the game
my pulse goes up on the {x}, then it comes back down, like you said
the book fell on the floor while I was reading
I tripped over my words at the meeting, so embarrassing
my blood pressure was normal at the pharmacy
""",
    "night-pain-weight-loss": """
I lost weight on purpose with my diet, 3 kilos
I wake up at night because the dog barks
my pain is fine at night now, I sleep through
I lost my keys and my phone this week, lol
the baby next door wakes me up at night
my husband lost weight since he stopped drinking beer
I'm up at night with hot flashes, no pain
I lost track of time and did the {x} late
""",
    "pain-model-breach": """
my pain went down to 2 after the {x}
it was hard, a 3 at most, and it settled in an hour
the {x} felt easy today
I'm a little sore, which you told me is normal, it's already going
my pain is less than last week
the session was a pain to fit in with my work, but no pain in the knee
the new exercise was tough but my pain stayed low
""",
}


NEGATED: dict[str, str] = {  # a sign said with "no": the bot asks (a "confirm")
    "chest-pain": """
no chest pain today, the session went fine
the pain in my chest I told you about last month never came back
""",
    "breathing": """
no trouble breathing at all today
""",
    "fainting": """
no dizziness or fainting this week
""",
    "cauda-equina": """
no numbness anywhere and peeing is normal
""",
    "fall-injury": """
no falls this week
""",
    "self-harm": """
I'm not suicidal, just frustrated with the slow progress, I'll keep going
""",
    "dvt": """
no calf pain or swelling
""",
    "wound-infection": """
no fever, the wound is healing well
""",
    "sudden-injury": """
no pop, no swelling, just tired legs
""",
    "fall-or-dizzy-spell": """
no dizziness, no falls, all good
""",
}
