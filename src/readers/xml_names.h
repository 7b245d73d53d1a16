// Element and attribute names of OOXML and OFD parts by their local name:
// the namespace prefix ("w:", "ofd:", "r:", or none) is the writer's choice,
// not part of the meaning. Free functions over pugixml nodes; no state.
#ifndef GONGKAI_READERS_XML_NAMES_H_
#define GONGKAI_READERS_XML_NAMES_H_

#include <pugixml.hpp>

#include <string_view>

namespace gongkai::readers::xml {

// "w:tbl" → "tbl"; a name without a prefix as it is.
inline std::string_view LocalName(const char* name) {
  const std::string_view n(name);
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The first child element of `n` whose local name is `local`, or a null node.
inline pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

// The value of the attribute of `n` whose local name is `local`, or "".
inline const char* Attr(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    if (LocalName(a.name()) == local) return a.value();
  }
  return "";
}

}  // namespace gongkai::readers::xml

#endif  // GONGKAI_READERS_XML_NAMES_H_
