//! "Did you mean …?" suggestions, identical to graphql-js 16 `suggestionList` and
//! `didYouMean`. Strings are compared as UTF-16 code units, as JavaScript does.

use std::cmp::Ordering;

/// graphql-js `MAX_SUGGESTIONS`.
const MAX_SUGGESTIONS: usize = 5;

/// The options close to `input`, best first: graphql-js `suggestionList`. An option is
/// close when its (case-insensitive, transposition-aware) edit distance is at most
/// `floor(input.length * 0.4) + 1`; a case-only difference counts as distance 1. Ties are
/// ordered by graphql-js `naturalCompare`.
pub fn suggestion_list(input: &str, options: &[&str]) -> Vec<String> {
    let distance = LexicalDistance::new(input);
    // Computed in floating point, as JavaScript does.
    let threshold = (utf16_units(input).len() as f64 * 0.4).floor() as usize + 1;
    // graphql-js collects into an object, so duplicates count once, at first position,
    // and integer-like keys come first in numeric order.
    let mut found: Vec<(&str, usize)> = Vec::new();
    for &option in options {
        if let Some(d) = distance.measure(option, threshold) {
            match found.iter_mut().find(|(o, _)| *o == option) {
                Some(entry) => entry.1 = d,
                None => found.push((option, d)),
            }
        }
    }
    found.sort_by_key(|(o, _)| array_index(o).unwrap_or(u64::MAX));
    found.sort_by(|(a, da), (b, db)| da.cmp(db).then_with(|| natural_compare(a, b)));
    found.into_iter().map(|(o, _)| o.to_owned()).collect()
}

/// graphql-js `didYouMean`: ` Did you mean "a", "b", or "c"?` for at most five
/// suggestions; the empty string when there are none.
pub fn did_you_mean(suggestions: &[String]) -> String {
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!(" Did you mean {one}?"),
        [a, b] => format!(" Did you mean {a} or {b}?"),
        _ => {
            let selected = &quoted[..quoted.len().min(MAX_SUGGESTIONS)];
            let (last, rest) = match selected.split_last() {
                Some(split) => split,
                None => return String::new(),
            };
            format!(" Did you mean {}, or {last}?", rest.join(", "))
        }
    }
}

/// The numeric value of a canonical array-index string ("0", "17"; not "017"), which a
/// JavaScript object orders before its other keys.
fn array_index(key: &str) -> Option<u64> {
    if key.is_empty()
        || (key.len() > 1 && key.starts_with('0'))
        || !key.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    key.parse::<u64>().ok().filter(|&n| n < u64::from(u32::MAX))
}

fn utf16_units(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// graphql-js `LexicalDistance`: optimal string alignment distance on lowercased text.
struct LexicalDistance<'a> {
    input: &'a str,
    input_lower: String,
    input_units: Vec<u16>,
}

impl<'a> LexicalDistance<'a> {
    fn new(input: &'a str) -> Self {
        let input_lower = input.to_lowercase();
        let input_units = utf16_units(&input_lower);
        LexicalDistance {
            input,
            input_lower,
            input_units,
        }
    }

    fn measure(&self, option: &str, threshold: usize) -> Option<usize> {
        if self.input == option {
            return Some(0);
        }
        let option_lower = option.to_lowercase();
        // Any case change counts as a single edit.
        if self.input_lower == option_lower {
            return Some(1);
        }
        let option_units = utf16_units(&option_lower);
        let (a, b) = if option_units.len() < self.input_units.len() {
            (&self.input_units, &option_units)
        } else {
            (&option_units, &self.input_units)
        };
        if a.len() - b.len() > threshold {
            return None;
        }
        let mut rows = [
            vec![0usize; b.len() + 1],
            vec![0usize; b.len() + 1],
            vec![0usize; b.len() + 1],
        ];
        for (j, cell) in rows[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            let mut smallest = i;
            rows[i % 3][0] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let up = &rows[(i - 1) % 3];
                let mut cell = (up[j] + 1)
                    .min(rows[i % 3][j - 1] + 1)
                    .min(up[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = cell.min(rows[(i - 2) % 3][j - 2] + 1);
                }
                smallest = smallest.min(cell);
                rows[i % 3][j] = cell;
            }
            // The distance cannot drop below the smallest cell of a row.
            if smallest > threshold {
                return None;
            }
        }
        let distance = rows[a.len() % 3][b.len()];
        (distance <= threshold).then_some(distance)
    }
}

/// graphql-js `naturalCompare`: digit runs compare by numeric value.
pub(crate) fn natural_compare(a: &str, b: &str) -> Ordering {
    let a = utf16_units(a);
    let b = utf16_units(b);
    let (mut ai, mut bi) = (0, 0);
    while ai < a.len() && bi < b.len() {
        if is_digit(a.get(ai)) && is_digit(b.get(bi)) {
            let a_num = read_number(&a, &mut ai);
            let b_num = read_number(&b, &mut bi);
            match a_num.partial_cmp(&b_num) {
                Some(Ordering::Equal) | None => {}
                Some(order) => return order,
            }
        } else {
            match a[ai].cmp(&b[bi]) {
                Ordering::Equal => {
                    ai += 1;
                    bi += 1;
                }
                order => return order,
            }
        }
    }
    a.len().cmp(&b.len())
}

fn is_digit(unit: Option<&u16>) -> bool {
    matches!(unit, Some(u) if (0x30..=0x39).contains(u))
}

/// Reads a digit run like graphql-js: a leading zero ends the number at once, and the
/// value is a JavaScript number (a double).
fn read_number(units: &[u16], index: &mut usize) -> f64 {
    let mut num = 0.0f64;
    loop {
        let digit = units.get(*index).map_or(0, |&u| u.saturating_sub(0x30));
        *index += 1;
        num = num * 10.0 + f64::from(digit);
        if !(is_digit(units.get(*index)) && num > 0.0) {
            return num;
        }
    }
}
