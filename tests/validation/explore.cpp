// SCRATCH: measurements to choose validation bands. Removed before hand-off.
#include <chrono>
#include <cstdio>
#include <cmath>
#include "validation/validation_runs.hpp"

using namespace wijksim;
using namespace wijksim::validation;

static const char* G[] = {"low","mid","high"};

void edu(const char* label, const RunResult& r) {
  double p[3];
  for (int e=0;e<3;++e) p[e]=final_year_mean(r,"participation/by_group",e);
  double all = window_mean(r,"participation/by_group",0,1,r.ticks.size());
  double allh = window_mean(r,"participation/by_group",2,1,r.ticks.size());
  printf("%-40s overall %.4f  low %.4f mid %.4f high %.4f  h/l %.2f  ratio-series %.2f  wholerun h/l %.2f  init %.4f trust %.3f gap %.3f->%.3f founded/yr %.1f\n", label,
    final_year_mean(r,"participation/overall"), p[0],p[1],p[2], p[2]/p[0], final_year_mean(r,"representation/education_ratio"), allh/all,
    final_year_mean(r,"participation/by_kind",0), final_year_mean(r,"trust/mean"),
    window_mean(r,"liveability/vulnerability_gap",0,0,1), final_year_mean(r,"liveability/vulnerability_gap"),
    window_mean(r,"initiatives/founded",0,1,r.ticks.size())*52);
}

int main(int argc, char** argv) {
  std::string what = argc>1?argv[1]:"all";
  auto t0 = std::chrono::steady_clock::now();
  auto lap=[&](const char* s){ printf("  [%s %.1fs]\n", s, std::chrono::duration<double>(std::chrono::steady_clock::now()-t0).count()); fflush(stdout);};
  if (what=="edu"||what=="all") {
    for (auto role: {"responsive","top_down","inviting","withdrawing","kaleidoscopic"}) { edu(role, recorded_run(role)); lap(role);}  
  }
  if (what=="inv"||what=="all") {
    edu("responsive", recorded_run("responsive"));
    for (auto ch : {"letter","door_to_door","community_worker","online"}) for (auto tg : {"uniform","under_represented"}) {
      nlohmann::json mix = {{"letter",0.0},{"online",0.0},{"door_to_door",0.0},{"housing_corporation",0.0},{"community_worker",0.0},{"own_ties",0.0}};
      mix[ch]=1.0;
      Overrides o{{"government.levers.invitation_reach",0.6},{"government.levers.channel_mix",mix},{"government.levers.targeting",tg}};
      const RunResult& r = recorded_run("responsive", o);
      std::string l = std::string(ch)+"/"+tg; edu(l.c_str(), r);
      const RunResult& b = recorded_run("responsive");
      printf("     rel increase low %.2f mid %.2f high %.2f\n",
        final_year_mean(r,"participation/by_group",0)/final_year_mean(b,"participation/by_group",0),
        final_year_mean(r,"participation/by_group",1)/final_year_mean(b,"participation/by_group",1),
        final_year_mean(r,"participation/by_group",2)/final_year_mean(b,"participation/by_group",2));
      lap(l.c_str());
    }
  }
  if (what=="gap"||what=="all") {
    for (auto role: {"responsive","kaleidoscopic","inviting","withdrawing","top_down"}) {
      const RunResult& r = recorded_run(role);
      const auto& types = std::get<std::vector<std::string>>(r.tables[0].columns[3]);
      double lv[3]={0,0,0},l0[3]={0,0,0},pp[3]={0,0,0}; int n[3]={0,0,0};
      for (size_t b=0;b<types.size();++b){ int k= types[b]=="vulnerable"?0:types[b]=="average"?1:2; lv[k]+=final_year_mean(r,"liveability/by_buurt",b); l0[k]+=window_mean(r,"liveability/by_buurt",b,0,1); pp[k]+=final_year_mean(r,"participation/by_buurt",b); n[k]++;}
      printf("%-14s gap start %.4f final %.4f change %+.4f | vuln %.3f->%.3f avg %.3f->%.3f vital %.3f->%.3f | part vuln %.4f avg %.4f vital %.4f\n", role,
        window_mean(r,"liveability/vulnerability_gap",0,0,1), final_year_mean(r,"liveability/vulnerability_gap"),
        final_year_mean(r,"liveability/vulnerability_gap")-window_mean(r,"liveability/vulnerability_gap",0,0,1),
        l0[0]/n[0],lv[0]/n[0],l0[1]/n[1],lv[1]/n[1],l0[2]/n[2],lv[2]/n[2],pp[0]/n[0],pp[1]/n[1],pp[2]/n[2]);
      // matthew index
      const auto& m = r.tables[3];
      for (size_t c=0;c<m.columns.size();++c) if (auto* v = std::get_if<std::vector<double>>(&m.columns[c])) { printf("   replicates col %zu:", c); for(double x:*v) printf(" %.3f",x); printf("\n"); }
      lap(role);
    }
  }
  if (what=="obs"||what=="all") {
    nlohmann::json sup = {{"support",1.0},{"conditional_subsidy",0.0},{"ignore",0.0},{"obstruct",0.0}};
    nlohmann::json obs = {{"support",0.0},{"conditional_subsidy",0.0},{"ignore",0.0},{"obstruct",1.0}};
    nlohmann::json ign = {{"support",0.0},{"conditional_subsidy",0.0},{"ignore",1.0},{"obstruct",0.0}};
    for (auto [l, resp] : std::vector<std::pair<const char*, nlohmann::json>>{{"support",sup},{"ignore",ign},{"obstruct",obs}}) {
      Overrides o{{"government.levers.initiative_response", resp}};
      const RunResult& r = recorded_run("responsive", o);
      edu(l, r);
      // trust over time
      printf("   trust by year:"); for (size_t y=0;y<10;++y) printf(" %.4f", window_mean(r,"trust/mean",0,1+y*52,1+(y+1)*52)); printf("\n");
      printf("   part by year:"); for (size_t y=0;y<10;++y) printf(" %.4f", window_mean(r,"participation/overall",0,1+y*52,1+(y+1)*52)); printf("\n");
      lap(l);
    }
  }
  return 0;
}
